// Which bulk actions a user may run, from their rights: update always (the server declares it), plus
// assign or delete for those actions.
import { hasRight } from '../../app/rights';
import type { BulkAction } from './BulkBar';

export function allowedBulkActions(
  rights: Record<string, unknown> | undefined,
  r: { update: string; assign?: string; delete?: string },
  offered: BulkAction[] = ['assign', 'addTags', 'removeTags', 'edit', 'delete'],
): BulkAction[] {
  if (!hasRight(rights as never, r.update)) return [];
  return offered.filter((a) => {
    if (a === 'assign') return !!r.assign && hasRight(rights as never, r.assign);
    if (a === 'delete') return !!r.delete && hasRight(rights as never, r.delete);
    return true;
  });
}

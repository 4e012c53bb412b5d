import type { ReactNode } from 'react';
import { useMe } from './session';
import { hasRight } from './rights';
import { Forbidden } from '../components/Forbidden';

/** Renders children only when the user has `right`; otherwise the 403 page. */
export function RequireRight({ right, children }: { right?: string; children: ReactNode }) {
  const me = useMe();
  return hasRight(me.rights, right) ? <>{children}</> : <Forbidden />;
}

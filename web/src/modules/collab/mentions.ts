// Mentions: the body holds "@Name" text; the ids sent are those of the picked users whose "@Name" is
// still in the text when the comment is sent (deleting the text drops the mention).
import type { Picked } from './types';

export function mentionIds(body: string, picked: Picked[]): number[] {
  const out: number[] = [];
  for (const p of picked) {
    if (body.includes(`@${p.name}`) && !out.includes(p.id)) out.push(p.id);
  }
  return out;
}

/** Splits a body into plain text and mention parts, for highlighting (rendered as text, never HTML). */
export function splitMentions(body: string, names: string[]): { text: string; mention: boolean }[] {
  const sorted = [...new Set(names.filter(Boolean))].sort((a, b) => b.length - a.length);
  const parts: { text: string; mention: boolean }[] = [];
  let rest = body;
  while (rest.length > 0) {
    let best = -1;
    let bestName = '';
    for (const n of sorted) {
      const i = rest.indexOf(`@${n}`);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
        bestName = n;
      }
    }
    if (best < 0) {
      parts.push({ text: rest, mention: false });
      break;
    }
    if (best > 0) parts.push({ text: rest.slice(0, best), mention: false });
    parts.push({ text: `@${bestName}`, mention: true });
    rest = rest.slice(best + bestName.length + 1);
  }
  return parts;
}

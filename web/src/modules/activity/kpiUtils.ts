// Pure helpers of the KPI page.

export interface KPILine {
  userId: number;
  userName: string;
  total: number;
  done: number;
  open: number;
  cancelled: number;
  overdue: number;
  byType: Record<string, number>;
  gapAccounts: number;
}

/** Activity types that occur in any line, most frequent first (the table's type columns). */
export function typeColumns(byType: Record<string, number>): string[] {
  return Object.entries(byType)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k);
}

/** Bar widths (percent of the busiest user's total) for the done and open parts of each line. */
export function barParts(lines: KPILine[]): Map<number, { done: number; rest: number }> {
  const max = Math.max(1, ...lines.map((l) => l.total));
  return new Map(lines.map((l) => [l.userId, { done: (100 * l.done) / max, rest: (100 * (l.total - l.done)) / max }]));
}

// Pure helpers of the calendar page: days in the user's time zone, windows to fetch.
import dayjs, { type Dayjs } from 'dayjs';

function validZone(tz: string | undefined): string | undefined {
  if (!tz) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return undefined;
  }
}

/** The calendar day ("2026-11-23") an instant falls on in a time zone. */
export function dayKey(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: validZone(timeZone), year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The time of day ("09:30") of an instant in a time zone. */
export function timeOf(iso: string, lang: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang, { timeZone: validZone(timeZone), hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Groups items with a due time by their day in the time zone, keeping their order. */
export function groupByDay<T extends { dueAt?: string | null }>(items: T[], timeZone?: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    if (!it.dueAt) continue;
    const k = dayKey(it.dueAt, timeZone);
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/**
 * The window to fetch for a month view: the grid shows up to six weeks around the month, and a day in
 * the user's zone may start up to 14 hours away from the browser's, so a week of margin each side.
 */
export function monthWindow(month: Dayjs): { from: string; to: string } {
  const start = month.startOf('month').subtract(7, 'day');
  const end = month.endOf('month').add(8, 'day').startOf('day');
  return { from: start.toISOString(), to: end.toISOString() };
}

/** The seven days of the week that holds day (Monday first). */
export function weekDays(day: Dayjs): Dayjs[] {
  const monday = day.subtract((day.day() + 6) % 7, 'day').startOf('day');
  return Array.from({ length: 7 }, (_, i) => monday.add(i, 'day'));
}

/** The window to fetch for a week view, with a day of margin for time zones. */
export function weekWindow(day: Dayjs): { from: string; to: string } {
  const days = weekDays(day);
  return { from: days[0].subtract(1, 'day').toISOString(), to: days[6].add(2, 'day').toISOString() };
}

/** A new activity created on a day of the calendar is due at 09:00 of that day. */
export function dueOnDay(day: Dayjs): Dayjs {
  return dayjs(day).hour(9).minute(0).second(0).millisecond(0);
}

/** The distinct owners of the items, by name (the owner filter of the everyone view). */
export function ownersOf(items: { ownerId?: number | null; ownerName?: string | null }[]): { id: number; name: string }[] {
  const seen = new Map<number, string>();
  for (const it of items) if (it.ownerId && !seen.has(it.ownerId)) seen.set(it.ownerId, it.ownerName ?? `#${it.ownerId}`);
  return [...seen.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

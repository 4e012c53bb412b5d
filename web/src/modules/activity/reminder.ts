// Reminder presets of the activity editor (SPEC T2): a reminder is stored as an absolute time
// (remindAt); the editor offers it relative to the due time.
import dayjs, { type Dayjs } from 'dayjs';

export const REMINDER_PRESETS = ['atDue', '15m', '1h', '1d', 'custom', 'none'] as const;
export type ReminderPreset = (typeof REMINDER_PRESETS)[number];

/** A next follow-up date always becomes a reminder (SPEC L8): its presets offer no "none". */
export const FOLLOW_UP_PRESETS: readonly ReminderPreset[] = REMINDER_PRESETS.filter((p) => p !== 'none');

const OFFSETS_MIN: Partial<Record<ReminderPreset, number>> = { atDue: 0, '15m': 15, '1h': 60, '1d': 1440 };

/**
 * The reminder time a preset means for a due time: an ISO string, null for "none", or undefined when
 * the preset needs a due time and there is none (the editor reports that).
 */
export function remindAtFor(preset: ReminderPreset, due: Dayjs | string | null | undefined, custom?: Dayjs | null): string | null | undefined {
  if (preset === 'none') return null;
  if (preset === 'custom') return custom ? custom.toISOString() : undefined;
  if (!due) return undefined;
  return dayjs(due).subtract(OFFSETS_MIN[preset] ?? 0, 'minute').toISOString();
}

/** The preset that describes a stored reminder (custom when it matches none). */
export function presetOf(remindAt: string | null | undefined, dueAt: string | null | undefined): ReminderPreset {
  if (!remindAt) return 'none';
  if (!dueAt) return 'custom';
  const minutes = dayjs(dueAt).diff(dayjs(remindAt), 'minute', true);
  for (const [p, m] of Object.entries(OFFSETS_MIN)) if (Math.abs(minutes - (m as number)) < 0.5) return p as ReminderPreset;
  return 'custom';
}

import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { FOLLOW_UP_PRESETS, presetOf, remindAtFor } from './reminder';
import { reminderBody } from './ActivityEditor';

const due = '2030-03-01T02:00:00.000Z';

describe('reminder presets', () => {
  it('turn a due time into the reminder time', () => {
    expect(remindAtFor('atDue', due)).toBe(due);
    expect(remindAtFor('15m', due)).toBe('2030-03-01T01:45:00.000Z');
    expect(remindAtFor('1h', due)).toBe('2030-03-01T01:00:00.000Z');
    expect(remindAtFor('1d', due)).toBe('2030-02-28T02:00:00.000Z');
    expect(remindAtFor('none', due)).toBeNull();
    expect(remindAtFor('custom', due, dayjs('2030-02-01T00:00:00Z'))).toBe('2030-02-01T00:00:00.000Z');
  });

  it('need a due time (or a custom time)', () => {
    expect(remindAtFor('1h', null)).toBeUndefined();
    expect(remindAtFor('custom', due, null)).toBeUndefined();
  });

  it('describe a stored reminder', () => {
    expect(presetOf(null, due)).toBe('none');
    expect(presetOf(due, due)).toBe('atDue');
    expect(presetOf('2030-03-01T01:00:00Z', due)).toBe('1h');
    expect(presetOf('2030-02-28T02:00:00Z', due)).toBe('1d');
    expect(presetOf('2030-02-28T03:00:00Z', due)).toBe('custom');
    expect(presetOf(due, null)).toBe('custom');
  });

  it('never offer "no reminder" for a next follow-up (it becomes one)', () => {
    expect(FOLLOW_UP_PRESETS).not.toContain('none');
    expect(FOLLOW_UP_PRESETS).toContain('atDue');
  });
});

describe('reminderBody', () => {
  it('sets, keeps and clears reminders', () => {
    expect(reminderBody({ reminder: '15m', dueAt: due }, false)).toEqual({ remindAt: '2030-03-01T01:45:00.000Z' });
    expect(reminderBody({ reminder: 'none', dueAt: due }, true)).toEqual({ clearRemindAt: true });
    expect(reminderBody({ reminder: 'none', dueAt: due }, false)).toEqual({});
    // "At due time" without a due time is simply no reminder; other presets are an error on the field.
    expect(reminderBody({ reminder: 'atDue' }, false)).toEqual({});
    expect(reminderBody({ reminder: '1h' }, false)).toBe('reminder');
  });

  it('gives the follow-up task its reminder only when it is not at its due time', () => {
    const next = '2030-09-25T01:00:00.000Z';
    expect(reminderBody({ reminder: 'none', nextFollowUpAt: next, followUpReminder: 'atDue' }, false)).toEqual({});
    expect(reminderBody({ reminder: 'none', nextFollowUpAt: next, followUpReminder: '1d' }, false)).toEqual({ followUpRemindAt: '2030-09-24T01:00:00.000Z' });
    expect(reminderBody({ reminder: 'none', nextFollowUpAt: next, followUpReminder: 'custom' }, false)).toBe('followUpReminder');
  });
});

// callback_id and action_id values of the weekly check-in (kept apart from ids.ts, which other features
// grow at the same time).
export const CHECKIN_CALLBACK = {
  sheet: 'okra.checkin.sheet',
  schedule: 'okra.schedule.form',
} as const;

export const CHECKIN_ACTION = {
  open: 'okra.checkin.open',
  snooze: 'okra.checkin.snooze',
  skip: 'okra.checkin.skip',
} as const;

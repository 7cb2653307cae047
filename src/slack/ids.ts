// callback_id and action_id values, defined once and shared by the views that carry them and the listeners
// that receive them.
export const CALLBACK = {
  cycleAdd: 'okra.cycle.add',
} as const;

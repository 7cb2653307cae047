// callback_id and action_id values, defined once and shared by the views that carry them and the listeners
// that receive them.
export const CALLBACK = {
  cycleAdd: 'okra.cycle.add',
  teamAdd: 'okra.team.add',
  teamEdit: 'okra.team.edit',
  objectiveAdd: 'okra.objective.add',
  objectiveEdit: 'okra.objective.edit',
  keyResultAdd: 'okra.kr.add',
  keyResultEdit: 'okra.kr.edit',
  kpiAdd: 'okra.kpi.add',
  kpiEdit: 'okra.kpi.edit',
  riskAdd: 'okra.risk.add',
  riskEdit: 'okra.risk.edit',
  roleSet: 'okra.role.set',
  checkInQuick: 'okra.checkin.quick',
  settingsPmo: 'okra.settings.pmo',
  settingsSet: 'okra.settings.set',
  settingsReset: 'okra.settings.reset',
  digestAdd: 'okra.digest.add',
} as const;

/** action_id values of buttons in messages. */
export const ACTION = {
  flagCheckIn: 'okra.flag.check_in',
  flagAddRisk: 'okra.flag.add_risk',
} as const;

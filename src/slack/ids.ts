// callback_id values, defined once and shared by the modals that carry them and the forms that receive them.
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
} as const;

// The fixed words of the model, shared by the services, the plan format and the status engine.
export const KR_KINDS = ['increase', 'decrease', 'stay_above', 'stay_below', 'boolean', 'milestone'] as const;
export const KR_CURVES = ['linear', 'back_loaded', 'front_loaded'] as const;
export const OBJECTIVE_LEVELS = ['company', 'team', 'personal'] as const;
export const KPI_DIRECTIONS = ['higher_is_better', 'lower_is_better'] as const;
export const KPI_CADENCES = ['weekly', 'monthly'] as const;
export const RISK_STATUSES = ['open', 'mitigating', 'closed'] as const;
export const ROLES = ['admin', 'leader', 'member'] as const;

export type KrKind = (typeof KR_KINDS)[number];
export type KrCurve = (typeof KR_CURVES)[number];

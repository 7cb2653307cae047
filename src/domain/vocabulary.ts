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

export type ObjectiveLevel = (typeof OBJECTIVE_LEVELS)[number];
export type KpiDirectionWord = (typeof KPI_DIRECTIONS)[number];
export type KpiCadenceWord = (typeof KPI_CADENCES)[number];
export type RiskStatusWord = (typeof RISK_STATUSES)[number];

/**
 * Reads a word back from the database as its type instead of casting it. The database holds what the
 * services wrote, so a word outside the list is a damaged row: it is named in the error, unless the caller
 * gives the harmless reading to fall back on (an unknown risk status reads as open).
 */
function reader<const T extends readonly string[]>(
  words: T,
  what: string,
  fallback?: T[number],
): (value: string) => T[number] {
  return (value) => {
    const found = words.find((word) => word === value);
    if (found !== undefined) return found;
    if (fallback !== undefined) return fallback;
    throw new TypeError(`a stored ${what} reads "${value}", which is none of ${words.join(', ')}`);
  };
}

export const parseKrKind = reader(KR_KINDS, 'key result kind');
export const parseKrCurve = reader(KR_CURVES, 'key result curve');
export const parseObjectiveLevel = reader(OBJECTIVE_LEVELS, 'objective level', 'company');
export const parseKpiDirection = reader(KPI_DIRECTIONS, 'KPI direction');
export const parseKpiCadence = reader(KPI_CADENCES, 'KPI cadence');
export const parseRiskStatus = reader(RISK_STATUSES, 'risk status', 'open');

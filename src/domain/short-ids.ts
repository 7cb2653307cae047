// The short ids people type and read: O-12, KR-34, KPI-5, R-7. Numbers are per workspace.
export const ENTITY_PREFIX = {
  objective: 'O',
  key_result: 'KR',
  kpi: 'KPI',
  risk: 'R',
} as const;

export type ShortIdEntity = keyof typeof ENTITY_PREFIX;

export interface ShortId {
  entity: ShortIdEntity;
  number: number;
}

const BY_PREFIX = new Map<string, ShortIdEntity>(
  Object.entries(ENTITY_PREFIX).map(([entity, prefix]) => [prefix, entity as ShortIdEntity]),
);

export function formatShortId(entity: ShortIdEntity, number: number): string {
  return `${ENTITY_PREFIX[entity]}-${number}`;
}

/** Accepts `KR-12`, `kr12`, `KR 12`; undefined for anything else. */
export function parseShortId(text: string): ShortId | undefined {
  const match = /^\s*(KPI|KR|O|R)[-\s]?(\d{1,9})\s*$/i.exec(text);
  if (!match) return undefined;
  const entity = BY_PREFIX.get(match[1]!.toUpperCase());
  const number = Number(match[2]);
  return entity && number > 0 ? { entity, number } : undefined;
}

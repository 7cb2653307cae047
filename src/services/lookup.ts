// Finding items by the short ids people type.
import type { Db } from '../db/client.ts';
import { parseShortId, type ShortIdEntity } from '../domain/short-ids.ts';

export type Found =
  | { entity: 'objective'; id: number; number: number }
  | { entity: 'key_result'; id: number; number: number }
  | { entity: 'kpi'; id: number; number: number }
  | { entity: 'risk'; id: number; number: number };

/** The item a short id names, or an explanation of why none was found. */
export async function findByShortId(
  db: Db,
  workspaceId: number,
  text: string,
  allowed?: readonly ShortIdEntity[],
): Promise<{ ok: true; found: Found } | { ok: false; error: string }> {
  const id = parseShortId(text);
  const kinds = allowed ?? ['objective', 'key_result', 'kpi', 'risk'];
  const example = kinds
    .map((k) => ({ objective: 'O-3', key_result: 'KR-12', kpi: 'KPI-2', risk: 'R-1' })[k])
    .join(' or ');
  if (!id || !kinds.includes(id.entity))
    return { ok: false, error: `"${text}" is not an id like ${example}.` };
  const where = { workspaceId_number: { workspaceId, number: id.number } };
  const row =
    id.entity === 'objective'
      ? await db.objective.findUnique({ where, select: { id: true } })
      : id.entity === 'key_result'
        ? await db.keyResult.findUnique({ where, select: { id: true } })
        : id.entity === 'kpi'
          ? await db.kpi.findUnique({ where, select: { id: true } })
          : await db.risk.findUnique({ where, select: { id: true } });
  if (!row) return { ok: false, error: `There is no ${text.toUpperCase()}.` };
  return { ok: true, found: { entity: id.entity, id: row.id, number: id.number } as Found };
}

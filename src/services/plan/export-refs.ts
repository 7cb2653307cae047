// The ref an exported item carries: its own, or its short id (KR-12) for items made in Slack, which the
// importer matches back to the same row (see ref-match.ts).
import { formatShortId, type ShortIdEntity } from '../../domain/short-ids.ts';

export function itemRef(entity: ShortIdEntity, row: { ref: string | null; number: number }): string {
  return row.ref ?? formatShortId(entity, row.number);
}

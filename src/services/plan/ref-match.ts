// Matching a file's refs to rows. Items made in Slack have no ref, and an export names them by their short
// id (ref: KR-12), so a ref that reads as a short id also finds the ref-less row with that number.
import { parseShortId, type ShortIdEntity } from '../../domain/short-ids.ts';

interface Referable {
  ref: string | null;
  number: number;
}

export class RefIndex<R extends Referable> {
  private readonly byRef = new Map<string, R>();
  private readonly refless = new Map<number, R>();

  constructor(
    rows: readonly R[],
    private readonly entity: ShortIdEntity,
  ) {
    for (const row of rows) {
      if (row.ref === null) this.refless.set(row.number, row);
      else this.byRef.set(row.ref, row);
    }
  }

  find(ref: string): R | undefined {
    const exact = this.byRef.get(ref);
    if (exact) return exact;
    const shortId = parseShortId(ref);
    return shortId?.entity === this.entity ? this.refless.get(shortId.number) : undefined;
  }
}

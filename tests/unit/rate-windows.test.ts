import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { takeFromWindow } from '../../src/db/queries/rate-windows.ts';

/**
 * A rate-window table where another instance (or a concurrent call of this one) opens the window between
 * this call's update and its read: what PostgreSQL's connection pool makes common at the start of a window.
 */
function racedWindow(limit: number, usedByOthers: number) {
  let row: { used: number } | null = null;
  let updates = 0;
  const db = {
    rateWindow: {
      async updateMany({ where }: { where: { used: { lt: number } } }) {
        updates++;
        if (!row) {
          // The other call creates the window right after this update found nothing.
          row = { used: usedByOthers };
          return { count: 0 };
        }
        if (row.used >= where.used.lt) return { count: 0 };
        row.used++;
        return { count: 1 };
      },
      async findUnique() {
        return row;
      },
      async create() {
        throw new Error('not reached: the window exists');
      },
    },
  } as unknown as Db;
  return { db, used: () => row?.used, updates: () => updates, limit };
}

describe('the shared send budget', () => {
  it('counts against a window another call opened a moment ago instead of waiting for the next one', async () => {
    const w = racedWindow(300, 1);
    expect(await takeFromWindow(w.db, '1:chat.postMessage', 0, w.limit)).toBe(true);
    expect(w.used()).toBe(2);
  });

  it('says the window is spent only when it is full', async () => {
    const w = racedWindow(3, 3);
    expect(await takeFromWindow(w.db, '1:chat.postMessage', 0, w.limit)).toBe(false);
    expect(w.used()).toBe(3);
  });
});

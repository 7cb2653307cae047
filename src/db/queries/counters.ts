// Allocates the next short-id number (O-12 …) for a workspace inside the caller's transaction.
import type { Tx } from '../client.ts';

export async function nextNumber(tx: Tx, workspaceId: number, name: string): Promise<number> {
  const counter = await tx.counter.upsert({
    where: { workspaceId_name: { workspaceId, name } },
    create: { workspaceId, name, value: 1 },
    update: { value: { increment: 1 } },
  });
  return counter.value;
}

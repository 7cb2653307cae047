import { openDatabase } from '../src/db/client.ts';
import { loadDigestInput } from '../src/services/digest-data.ts';
import { composeDigest, splitDigest } from '../src/domain/digest/index.ts';
import { BENCH_NOW } from './portfolio/seed.ts';
const { db } = openDatabase(process.argv[2]!);
const w = await db.workspace.findFirstOrThrow();
let previous = null as any;
for (let i = 0; i < 4; i++) {
  let t = performance.now();
  const loaded = await loadDigestInput(db, { workspaceId: w.id, scope: { kind: 'everything' }, at: BENCH_NOW, period: '2026-W13', timeZone: 'UTC', previous });
  const t1 = performance.now() - t; t = performance.now();
  if (!loaded.ok) throw new Error();
  const model = composeDigest(loaded.input);
  previous = { ...model.snapshot, period: '2026-W12' };
  const posts = splitDigest(model);
  console.log('load', t1.toFixed(0), 'compose', (performance.now() - t).toFixed(0), posts.thread.length);
}
const c = await db.cycle.findFirstOrThrow();
const q = async (name: string, f: () => Promise<unknown>) => { const t = performance.now(); await f(); console.log(name, (performance.now() - t).toFixed(0)); };
await q('objectives', () => db.objective.findMany({ where: { workspaceId: w.id, cycleId: c.id, archivedAt: null }, select: { id: true, number: true, title: true, teamId: true, ownerId: true, parentId: true } }));
await q('itemStatus', () => db.itemStatus.findMany({ where: { workspaceId: w.id }, select: { itemType: true, itemId: true, status: true, reasons: true } }));
await q('kr-agg', () => db.$queryRaw`SELECT k."id", (SELECT c."value" FROM "CheckIn" c WHERE c."keyResultId" = k."id" ORDER BY c."date" DESC, c."createdAt" DESC LIMIT 1) AS "latestValue", (SELECT COUNT(*) FROM "CheckIn" c WHERE c."keyResultId" = k."id") AS "n" FROM "KeyResult" k`);
await q('kr-plain', () => db.$queryRaw`SELECT k."id", k."number", k."title", k."objectiveId", k."ownerId", k."kind", k."startValue", k."targetValue", k."currentValue", k."weight", k."curve" FROM "KeyResult" k`);
await q('comments', () => db.$queryRaw`SELECT c."keyResultId", c."comment" FROM "CheckIn" c WHERE c."comment" <> '' AND c."date" >= ${new Date(BENCH_NOW.getTime() - 28 * 86400000)}`);
await q('kpis', () => db.kpi.findMany({ where: { workspaceId: w.id }, select: { id: true, readings: { orderBy: { date: 'desc' }, take: 1, select: { value: true } } } }));

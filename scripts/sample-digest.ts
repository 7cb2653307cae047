// Writes docs/digest-chart.png and docs/digest-sample.txt from the example plan: two weekly digests of the
// whole portfolio, the second after one key result slipped, exactly as the digest code composes them.
//   npx tsx scripts/sample-digest.ts
import { writeFileSync } from 'node:fs';
import { composeDigest, parseSnapshot, splitDigest } from '../src/domain/digest/index.ts';
import { EXAMPLE_PLAN_YAML, parsePlanYaml } from '../src/plan/index.ts';
import { recordCheckIn } from '../src/services/check-ins.ts';
import { loadDigestInput } from '../src/services/digest-data.ts';
import { importPlan } from '../src/services/plan-import.ts';
import { evaluateCycle } from '../src/services/portfolio-status.ts';
import { digestChartFile } from '../src/slack/digest/render.ts';
import { digestThreadMessage, digestTopMessage } from '../src/slack/views/digest.ts';
import type { SlackMessage } from '../src/slack/views/message.ts';
import { createTestDatabase } from '../tests/support/test-database.ts';

const database = await createTestDatabase('sqlite');
const { db } = database;
try {
  const workspace = await db.workspace.create({ data: { slackTeamId: 'TSAMPLE', name: 'Sample' } });
  const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
  if (!parsed.ok) throw new Error('the example plan must be valid');
  await importPlan(db, { workspaceId: workspace.id, actor: 'import', plan: parsed.plan });
  const admin = await db.member.create({
    data: { workspaceId: workspace.id, slackUserId: 'U0ADMIN', name: 'Alice', role: 'admin' },
  });
  const actor = {
    workspaceId: workspace.id,
    memberId: admin.id,
    slackUserId: admin.slackUserId,
    role: 'admin' as const,
  };

  // What the sweep stores, so the digest reads statuses as it does in production.
  const storeStatuses = async (at: Date) => {
    const cycle = await db.cycle.findFirstOrThrow({ where: { isCurrent: true } });
    const status = await evaluateCycle(db, workspace.id, cycle.id, at);
    await db.itemStatus.deleteMany({ where: { workspaceId: workspace.id } });
    await db.itemStatus.createMany({
      data: [...status.objectives.values()].flatMap((node) => [
        {
          workspaceId: workspace.id,
          itemType: 'objective',
          itemId: node.id,
          status: node.status.status,
          reasons: JSON.stringify(node.status.reasons),
          changedAt: at,
        },
        ...node.keyResults.map((kr) => ({
          workspaceId: workspace.id,
          itemType: 'key_result',
          itemId: kr.id,
          status: kr.status.status,
          reasons: JSON.stringify(kr.status.reasons),
          changedAt: at,
        })),
      ]),
    });
  };
  const digestAt = async (at: Date, period: string, previous: string | null) => {
    await storeStatuses(at);
    const loaded = await loadDigestInput(db, {
      workspaceId: workspace.id,
      scope: { kind: 'everything' },
      at,
      period,
      timeZone: 'UTC',
      previous: parseSnapshot(previous),
    });
    if (!loaded.ok) throw new Error(loaded.reason);
    return composeDigest(loaded.input);
  };

  await recordCheckIn(
    db,
    actor,
    { item: 'KR-1', value: '14.5', confidence: '9', comment: 'Three deals closed' },
    { now: new Date('2026-02-12T09:00:00Z'), defaultTimeZone: 'UTC' },
  );
  const first = await digestAt(new Date('2026-02-13T16:00:00Z'), '2026-W07', null);
  await recordCheckIn(
    db,
    actor,
    { item: 'KR-1', value: '8.2', confidence: '2', comment: 'Vendor slipped again' },
    { now: new Date('2026-02-16T09:00:00Z'), defaultTimeZone: 'UTC' },
  );
  const second = await digestAt(new Date('2026-02-20T16:00:00Z'), '2026-W08', JSON.stringify(first.snapshot));

  const posts = splitDigest(second);
  const transcript = [
    '# Top-level message (notification text)',
    digestTopMessage(posts.top).text,
    '',
    '# Top-level message (blocks)',
    messageText(digestTopMessage(posts.top)),
    ...posts.thread.flatMap((page, i) => [
      '',
      `# Thread reply ${i + 1}`,
      messageText(digestThreadMessage(page)),
    ]),
    '',
    `# Thread: the chart (alt text)`,
    digestChartFile(second.chart, '2026-W08').altText,
    '',
  ].join('\n');
  writeFileSync('docs/digest-sample.txt', transcript);
  writeFileSync('docs/digest-chart.png', digestChartFile(second.chart, '2026-W08').bytes);
  console.log(transcript);
} finally {
  await database.drop();
}

/** The text a reader sees, block by block. */
function messageText(message: SlackMessage): string {
  return (message.blocks ?? [])
    .map((block) => {
      if (block.type === 'divider') return '---';
      if (block.type === 'header') return `## ${block.text.text}`;
      if (block.type === 'section') return block.text?.text ?? '';
      if (block.type === 'context') return block.elements.map((e) => ('text' in e ? e.text : '')).join(' ');
      return '';
    })
    .join('\n');
}

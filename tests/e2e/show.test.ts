import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseUrlPost } from '../../devkit/slack-stand-in/web-api/index.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';
import { planRows } from '../support/plan-rows.ts';
import { seedQuarter } from '../support/seed.ts';

// Fixture (today is 2026-02-11, in the current cycle 2026 Q1):
//   O-1 company "Win big" (ADMIN) with a description that tries to ping everyone; KR-1 on it (MEMBER,
//   increase 0 → 100 customers, 14 check-ins); O-2 aligned under O-1; O-3 archived with KR-2.
//   KPI-1 Churn (MEMBER, lower is better) with 3 readings. R-1 on KR-1 with a mitigation.
let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness();
  const quarter = await seedQuarter(h, [ADMIN, MEMBER, OTHER]);
  ({ workspaceId } = quarter);
  const rows = planRows(h, quarter);
  const member = { id: quarter.members[MEMBER]! };
  const o1 = await rows.objective(1, 'Win big', {
    description: 'Tell <!channel> & everyone',
    ownerId: quarter.members[ADMIN]!,
  });
  await rows.objective(2, 'Grow self-serve', { level: 'team', parentId: o1.id });
  const o3 = await rows.objective(3, 'Old idea', { archivedAt: new Date('2026-01-20T00:00:00Z') });
  const kr1 = await rows.keyResult(1, o1.id, 'Sign customers', {
    unit: 'customers',
    startValue: 0,
    targetValue: 100,
    ownerId: member.id,
  });
  await rows.keyResult(2, o3.id, 'Forgotten', { kind: 'boolean' });
  // 14 check-ins, one a day from 27 January to 9 February: values 3, 6, … 42.
  for (let i = 0; i < 14; i++) {
    const date = new Date(Date.UTC(2026, 0, 27 + i));
    await h.db.checkIn.create({
      data: {
        keyResultId: kr1.id,
        authorId: member.id,
        period: `day-${i}`,
        date,
        createdAt: new Date(date.getTime() + 3_600_000),
        value: 3 * (i + 1),
        confidence: i === 13 ? 6 : null,
        comment: i === 13 ? 'Signed <@U0PRIYA> & co' : i === 0 ? 'first one' : '',
      },
    });
  }
  const kpi = await rows.kpi(1, 'Churn', {
    ownerId: member.id,
    unit: '%',
    direction: 'lower_is_better',
    target: 2,
    green: 2.5,
    amber: 4,
  });
  for (const [period, day, value] of [
    ['2026-W04', 19, 3.1],
    ['2026-W05', 26, 2.9],
    ['2026-W06', 2, 4.4],
  ] as const) {
    await h.db.kpiReading.create({
      data: { kpiId: kpi.id, period, date: new Date(Date.UTC(2026, day > 10 ? 0 : 1, day)), value },
    });
  }
  await h.db.risk.create({
    data: {
      workspaceId,
      number: 1,
      title: 'Vendor delay',
      keyResultId: kr1.id,
      ownerId: member.id,
      likelihood: 4,
      impact: 5,
      mitigation: 'Second supplier <signed>',
    },
  });
  await h.db.auditEntry.create({
    data: {
      workspaceId,
      actor: ADMIN,
      action: 'update',
      entityType: 'key_result',
      entityId: kr1.id,
      entityRef: 'KR-1',
      before: JSON.stringify({ owner: OTHER, target: 80 }),
      after: JSON.stringify({ owner: MEMBER, target: 100 }),
      createdAt: new Date('2026-02-03T09:30:00Z'),
    },
  });
});
afterAll(() => h.close());

const blockTexts = (post: ResponseUrlPost | undefined): string => {
  const blocks = (post?.body.blocks ?? []) as Array<{ text?: { text?: string } }>;
  return blocks.map((b) => b.text?.text ?? '').join('\n');
};

const show = async (user: string, id: string) => {
  const result = await h.command(user, `show ${id}`);
  expect(result.replies).toHaveLength(1);
  expect(result.replies[0]?.accepted).toBe(true);
  return { result, text: blockTexts(result.replies[0]) };
};

describe('/okr show', () => {
  it('shows an objective with its status, reasons, key results, aligned objectives and recent changes', async () => {
    await h.command(ADMIN, 'objective edit O-1 --title "Win the mid-market"');
    const { result, text } = await show(OTHER, 'O-1');
    expect(result.text).toBe('*O-1* Win the mid-market');
    expect(text).toContain('*O-1* Win the mid-market');
    expect(text).toContain(`company objective · owner <@${ADMIN}> · cycle 2026 Q1`);
    // The description is quoted and escaped: no broadcast sneaks through.
    expect(text).toContain('> Tell &lt;!channel&gt; &amp; everyone');
    expect(text).not.toContain('<!channel>');
    expect(text).toMatch(/\*Status\* :\w+: (on track|at risk|off track) · [▰▱]+ \d+%/);
    expect(text).toContain('*Key results*\n• *KR-1* Sign customers · ▰▰▱▱▱ 42% · 42 / 100 customers');
    expect(text).toContain('*Aligned under it*\n• *O-2* Grow self-serve');
    expect(text).toContain('*Recent changes*');
    expect(text).toMatch(
      new RegExp(
        `<!date\\^\\d+\\^\\{date_short\\} \\{time\\}\\|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC> · <@${ADMIN}> changed title “Win big” → “Win the mid-market”`,
      ),
    );
  });

  it('shows an archived objective as archived, with how to restore it', async () => {
    const { text } = await show(MEMBER, 'o-3');
    expect(text).toContain('*O-3* Old idea _(archived)_');
    expect(text).toContain(':file_cabinet: *O-3 is archived*');
    expect(text).toContain('`/okr objective restore O-3`');
    expect(text).toContain('• *KR-2* Forgotten');
  });

  it('shows a key result with every reason, its forecast, the last 12 check-ins newest first and its changes', async () => {
    const { text } = await show(MEMBER, 'KR-1');
    expect(text).toContain('*KR-1* Sign customers');
    expect(text).toContain(
      `on *O-1* Win the mid-market · owner <@${MEMBER}> · from 0 customers up to 100 customers`,
    );
    expect(text).toMatch(/\*Status\* :\w+: [a-z ]+ · ▰▰▱▱▱ 42% · 42 \/ 100 customers\n• /);
    expect(text).toMatch(/\nForecast: [^\n]+/);
    expect(text).toContain(
      '*Check-ins*, newest first\n• 2026-02-09 · *42 customers* · confidence 6/10 · “Signed &lt;@U0PRIYA&gt; &amp; co”',
    );
    expect(text).not.toContain('Signed <@U0PRIYA>');
    const checkInLines = text.split('\n').filter((line) => /^• 2026-\d\d-\d\d · \*/.test(line));
    expect(checkInLines).toHaveLength(12);
    expect(checkInLines.at(-1)).toContain('2026-01-29 · *9 customers*');
    expect(text).toContain('…and 2 earlier');
    expect(text).not.toContain('first one');
    expect(text).toContain(`<@${ADMIN}> changed owner <@${OTHER}> → <@${MEMBER}>; target 80 → 100`);
    expect(text).toContain('|2026-02-03 09:30 UTC>');
  });

  it('shows a KPI with its band, thresholds and readings', async () => {
    const { text } = await show(OTHER, 'kpi-1');
    expect(text).toContain('*KPI-1* Churn');
    expect(text).toContain('target 2%, green ≤ 2.5%, amber ≤ 4% · lower is better · read weekly');
    expect(text).toContain('latest *4.4%* · :red_circle: red');
    expect(text).toContain(
      '*Readings*, newest first\n• 2026-W06 (2026-02-02) · *4.4%*\n• 2026-W05 (2026-01-26) · *2.9%*\n• 2026-W04 (2026-01-19) · *3.1%*',
    );
  });

  it("shows a risk's score, link and mitigation", async () => {
    const { text } = await show(OTHER, 'R-1');
    expect(text).toContain('*R-1* Vendor delay');
    expect(text).toContain('score *20* (likelihood 4 × impact 5) · status open · on *KR-1* Sign customers');
    expect(text).toContain('*Mitigation*\n> Second supplier &lt;signed&gt;');
  });

  it('explains an unknown or malformed id', async () => {
    expect((await h.command(MEMBER, 'show KR-99')).text).toBe(
      'There is no KR-99. `/okr tree` lists the ids.',
    );
    expect((await h.command(MEMBER, 'show banana')).text).toContain(
      '"banana" is not an id like O-3 or KR-12',
    );
    expect((await h.command(MEMBER, 'show')).text).toContain('Name the item to show: `/okr show O-1`');
  });
});

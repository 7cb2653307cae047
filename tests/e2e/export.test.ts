import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_YAML, parsePlanCsv, parsePlanYaml } from '../../src/plan/index.ts';
import { exportPlan } from '../../src/services/plan-export.ts';
import { importPlan } from '../../src/services/plan-import.ts';
import { ADMIN, type Harness, MEMBER, OTHER, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function uploadsSince(before: number) {
  return h.double.files.slice(before);
}

describe('/okr export', () => {
  it('says there is nothing to export in an empty workspace, and uploads nothing', async () => {
    const result = await h.command(MEMBER, 'export');
    expect(result.text).toContain('There is nothing to export yet: the workspace has no cycle.');
    expect(h.double.files).toHaveLength(0);
    expect(h.double.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('sends the current cycle as a YAML file to the DM of anyone who asks', async () => {
    const workspace = await h.db.workspace.findFirstOrThrow();
    const parsed = parsePlanYaml(EXAMPLE_PLAN_YAML);
    if (!parsed.ok) throw new Error('the example plan must be valid');
    const imported = await importPlan(h.db, {
      workspaceId: workspace.id,
      actor: 'import',
      plan: parsed.plan,
    });
    expect(imported.ok).toBe(true);

    const before = h.double.files.length;
    const result = await h.command(MEMBER, 'export');
    expect(result.text).toBe('The plan file is in your DM with me (*2026 Q1*).');
    const opened = h.double.callsTo('conversations.open').at(-1)!;
    expect(opened.args['users']).toBe(MEMBER);
    const [file] = uploadsSince(before);
    expect(file).toMatchObject({ filename: 'okra-plan-2026-q1.yaml', completed: true });
    expect(file?.channelId).toBe((opened.response as { channel: { id: string } }).channel.id);
    expect(file?.initialComment).toContain('The plan of *2026 Q1* as YAML');
    const roundTrip = parsePlanYaml(file!.content!.toString('utf8'));
    expect(roundTrip.ok && roundTrip.plan).toEqual(await exportPlan(h.db, workspace.id));
  });

  it('sends the four CSV files in one upload', async () => {
    const before = h.double.files.length;
    const result = await h.command(ADMIN, 'export csv --cycle "2026 q1"');
    expect(result.text).toBe('The 4 plan files are in your DM with me (*2026 Q1*).');
    const files = uploadsSince(before);
    expect(files.map((f) => f.filename)).toEqual([
      'key_results.csv',
      'check_ins.csv',
      'kpis.csv',
      'kpi_readings.csv',
    ]);
    expect(new Set(files.map((f) => f.channelId)).size).toBe(1);
    expect(files[0]?.initialComment).toContain('leave out the 2 risk(s)');
    const text = (i: number) => files[i]!.content!.toString('utf8');
    const parsed = parsePlanCsv({
      keyResults: text(0),
      checkIns: text(1),
      kpis: text(2),
      kpiReadings: text(3),
    });
    expect(parsed.ok && parsed.plan.objectives.flatMap((o) => o.key_results)).toHaveLength(8);
  });

  it('explains a wrong format or an unknown cycle, and uploads nothing', async () => {
    const before = h.double.files.length;
    const wrong = await h.command(OTHER, 'export pdf');
    expect(wrong.text).toContain('The format is yaml or csv');
    const unknown = await h.command(OTHER, 'export --cycle "2031 Q4"');
    expect(unknown.text).toBe('There is no cycle called "2031 Q4". The cycles are: "2026 Q1".');
    expect(h.double.files.length).toBe(before);
  });

  it('escapes a cycle name with mrkdwn control characters', async () => {
    await h.db.cycle.updateMany({ data: { name: 'Q1 <!channel> & co' } });
    const result = await h.command(MEMBER, 'export');
    expect(result.text).toContain('*Q1 &lt;!channel&gt; &amp; co*');
    expect(result.text).not.toContain('<!channel>');
  });
});

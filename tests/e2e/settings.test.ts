// Workspace settings from Slack: anyone reads them; PMO admins change the PMO channel and the status
// thresholds, and the change is what the status engine and the flags use from then on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field } from '../../devkit/slack-stand-in/view-state.ts';
import { SETTING_NAMES } from '../../src/services/workspace-settings.ts';
import { ADMIN, type Harness, MEMBER, startHarness } from '../support/harness.ts';
import { seedQuarter } from '../support/seed.ts';

let h: Harness;
let workspaceId: number;

const ENV_PMO = 'C0OKRS';

const workspace = () => h.db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
const overrides = async () => (JSON.parse((await workspace()).settings) as { status?: unknown }).status ?? {};
const settingsAudits = () =>
  h.db.auditEntry.findMany({ where: { entityType: 'workspace', action: 'update' }, orderBy: { id: 'asc' } });
const lastAudit = async () => {
  const entry = (await settingsAudits()).at(-1)!;
  return { actor: entry.actor, before: JSON.parse(entry.before), after: JSON.parse(entry.after) };
};
const shown = (result: { replies: Array<{ body: Record<string, unknown> }> }) =>
  JSON.stringify(result.replies[0]?.body.blocks ?? result.replies[0]?.body.text);

async function keyResultOwnedByMember(number: number) {
  const cycle = await h.db.cycle.findFirstOrThrow({ where: { workspaceId } });
  const owner = await h.db.member.findFirstOrThrow({ where: { workspaceId, slackUserId: MEMBER } });
  const objective = await h.db.objective.create({
    data: { workspaceId, number, title: `Objective ${number}`, cycleId: cycle.id, level: 'company' },
  });
  await h.db.keyResult.create({
    data: {
      workspaceId,
      number,
      objectiveId: objective.id,
      title: `Key result ${number}`,
      ownerId: owner.id,
      kind: 'increase',
      startValue: 0,
      targetValue: 100,
    },
  });
}

beforeAll(async () => {
  h = await startHarness({ pmoChannel: ENV_PMO });
  ({ workspaceId } = await seedQuarter(h, [MEMBER]));
  await keyResultOwnedByMember(1);
  await keyResultOwnedByMember(2);
});
afterAll(() => h.close());

describe('/okr settings', () => {
  it('shows anyone the PMO channel, where it comes from, and every threshold with its meaning', async () => {
    const result = await h.command(MEMBER, 'settings');
    const blocks = shown(result);
    expect(result.text).toBe('Okra settings: all at their defaults.');
    expect(blocks).toContain(`<#${ENV_PMO}>, from the OKRA_PMO_CHANNEL environment setting`);
    for (const name of SETTING_NAMES) expect(blocks).toContain(`\`${name}\``);
    expect(blocks).toContain(
      '`atRiskGapPoints` *12 points* — At risk when actual progress is more than this many percentage points behind the plan.',
    );
    expect(blocks).toContain('`objectiveOffTrackWeightShare` *33.3%*');
    expect(blocks).not.toContain('changed; default');
  });

  it('shows one setting when named, and suggests the closest for a typo', async () => {
    expect(shown(await h.command(MEMBER, 'settings offtrackconfidence'))).toContain(
      '`offTrackConfidence` *3/10*',
    );
    expect((await h.command(MEMBER, 'settings atRiskGapPonts')).text).toContain(
      'Did you mean atRiskGapPoints?',
    );
  });
});

describe('/okr settings pmo', () => {
  it('refuses a member and changes nothing', async () => {
    const result = await h.command(MEMBER, 'settings pmo <#C0GENERAL|general>');
    expect(result.text).toContain('Only PMO admins can use `/okr settings pmo`');
    expect((await workspace()).pmoChannelId).toBeNull();
  });

  it('lets an admin set the channel, audited', async () => {
    const result = await h.command(ADMIN, 'settings pmo <#C0GENERAL|general>');
    expect(result.text).toContain('now go to <#C0GENERAL>. Make sure Okra is in that channel');
    expect((await workspace()).pmoChannelId).toBe('C0GENERAL');
    expect(await lastAudit()).toEqual({
      actor: ADMIN,
      before: { pmoChannelId: null },
      after: { pmoChannelId: 'C0GENERAL' },
    });
    expect(shown(await h.command(MEMBER, 'settings'))).toContain('<#C0GENERAL>, set for this workspace');
  });

  it('refuses something that is not a channel', async () => {
    const before = (await settingsAudits()).length;
    const result = await h.command(ADMIN, 'settings pmo general');
    expect(result.text).toContain('Nothing was changed');
    expect(result.text).toContain('"general" is not a channel');
    expect((await workspace()).pmoChannelId).toBe('C0GENERAL');
    expect(await settingsAudits()).toHaveLength(before);
  });

  it('clears it with none, so the environment setting applies', async () => {
    const result = await h.command(ADMIN, 'settings pmo none');
    expect(result.text).toContain('no longer has its own PMO channel (was <#C0GENERAL>)');
    expect(result.text).toContain(`<#${ENV_PMO}>, from the OKRA_PMO_CHANNEL environment setting`);
    expect((await workspace()).pmoChannelId).toBeNull();
    expect((await lastAudit()).after).toEqual({ pmoChannelId: null });
    expect(shown(await h.command(MEMBER, 'settings'))).toContain(
      `<#${ENV_PMO}>, from the OKRA_PMO_CHANNEL environment setting`,
    );
  });

  it('opens a form without arguments and sets the channel chosen there', async () => {
    const opened = await h.command(ADMIN, 'settings pmo');
    expect(opened.modal).toBeDefined();
    const invalid = await h.submit(ADMIN, opened.modal!, {
      channel: { value: field.conversation('general') },
    });
    expect(invalid.body).toMatchObject({ response_action: 'errors', errors: { channel: /Pick a channel/ } });
    expect((await workspace()).pmoChannelId).toBeNull();
    const valid = await h.submit(ADMIN, opened.modal!, {
      channel: { value: field.conversation('C0GENERAL') },
    });
    expect(valid.status).toBe(200);
    expect((await workspace()).pmoChannelId).toBe('C0GENERAL');
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('now go to <#C0GENERAL>');
  });

  it('is where a flag goes', async () => {
    const result = await h.command(MEMBER, 'update KR-2 0 --confidence 1');
    expect(result.text).toContain('off track');
    await h.okra.idle();
    expect(h.double.messagesIn(ENV_PMO).filter((m) => m.text?.includes('*KR-2*'))).toHaveLength(0);
  });
});

describe('/okr settings set and reset', () => {
  it('refuses a member and changes nothing', async () => {
    const before = (await workspace()).settings;
    expect((await h.command(MEMBER, 'settings set atRiskGapPoints 15')).text).toContain(
      'Only PMO admins can use `/okr settings set`',
    );
    expect((await h.command(MEMBER, 'settings reset atRiskGapPoints')).text).toContain(
      'Only PMO admins can use `/okr settings reset`',
    );
    expect((await workspace()).settings).toBe(before);
  });

  it('lets an admin change a threshold, stored as an override and audited', async () => {
    const result = await h.command(ADMIN, 'settings set atRiskGapPoints 15');
    expect(result.text).toBe(
      '`atRiskGapPoints` is now *15 points* (was 12 points; the default is 12 points). `/okr show` and the digest use it from now on.',
    );
    expect(await overrides()).toEqual({ atRiskGapPoints: 15 });
    expect(await lastAudit()).toEqual({
      actor: ADMIN,
      before: { atRiskGapPoints: 12 },
      after: { atRiskGapPoints: 15 },
    });
    const listed = await h.command(MEMBER, 'settings');
    expect(listed.text).toBe('Okra settings: 1 changed from the default.');
    expect(shown(listed)).toContain('`atRiskGapPoints` *15 points* _(changed; default 12 points)_');
  });

  it('refuses bad values with a message that says what is expected, changing nothing', async () => {
    const before = { settings: (await workspace()).settings, audits: (await settingsAudits()).length };
    const cases: Array<[string, string]> = [
      ['settings set atRiskGapPoints 150', 'atRiskGapPoints is percentage points from 0 to 100'],
      ['settings set atRiskGapPoints lots', '"lots" is not a number'],
      ['settings set staleAtRiskPeriods 1.5', 'a whole number of periods from 1 to 52'],
      ['settings set forecastAtRiskBelow 1.2', 'a share from 0 to 1'],
      ['settings set escalateRisksLinkedToOffTrack maybe', '"maybe" is not yes or no'],
      [
        'settings set offTrackConfidence 7',
        'offTrackConfidence (7/10) has to be below atRiskConfidence (6/10)',
      ],
      [
        'settings set atRiskGapPoints 30',
        'atRiskGapPoints (30 points) has to be below offTrackGapPoints (25 points)',
      ],
      ['settings set staleOffTrackPeriods 2', 'Change staleAtRiskPeriods first'],
      ['settings set kpiStaleAtRiskPeriods 4', 'has to be below kpiStaleOffTrackPeriods'],
      ['settings set atRiskGapPonts 15', 'Did you mean atRiskGapPoints?'],
      ['settings reset bogus', 'There is no setting called "bogus"'],
    ];
    for (const [text, message] of cases) {
      const result = await h.command(ADMIN, text);
      expect(result.text, text).toContain('Nothing was changed');
      expect(result.text, text).toContain(message);
    }
    expect((await h.command(ADMIN, 'settings set atRiskGapPonts 15')).text).toContain(
      'escalateRisksLinkedToOffTrack',
    );
    expect((await workspace()).settings).toBe(before.settings);
    expect(await settingsAudits()).toHaveLength(before.audits);
  });

  it('removes the override when set to the default, and reports an unchanged value as such', async () => {
    const back = await h.command(ADMIN, 'settings set atRiskGapPoints 12');
    expect(back.text).toContain('`atRiskGapPoints` is back to its default, *12 points* (was 15 points).');
    expect(await overrides()).toEqual({});
    const audits = (await settingsAudits()).length;
    expect((await h.command(ADMIN, 'settings set atRiskGapPoints 12')).text).toContain(
      'is already *12 points*; nothing changed',
    );
    expect(await settingsAudits()).toHaveLength(audits);
  });

  it('sets a switch and a share, and resets them', async () => {
    const off = await h.command(ADMIN, 'settings set escalateRisksLinkedToOffTrack no');
    expect(off.text).toContain('`escalateRisksLinkedToOffTrack` is now *no*');
    expect(off.text).toContain('Risk escalations use it from now on.');
    expect((await h.command(ADMIN, 'settings set forecastAtRiskBelow 70%')).text).toContain(
      '`forecastAtRiskBelow` is now *70%* (was 80%',
    );
    expect(await overrides()).toEqual({ escalateRisksLinkedToOffTrack: false, forecastAtRiskBelow: 0.7 });

    const reset = await h.command(ADMIN, 'settings reset escalateRisksLinkedToOffTrack');
    expect(reset.text).toContain('is back to its default, *yes* (was no)');
    expect(await lastAudit()).toEqual({
      actor: ADMIN,
      before: { escalateRisksLinkedToOffTrack: false },
      after: { escalateRisksLinkedToOffTrack: true },
    });
    await h.command(ADMIN, 'settings reset forecastAtRiskBelow');
    expect(await overrides()).toEqual({});
  });

  it('opens forms without arguments: errors inline, then the change with a DM', async () => {
    const opened = await h.command(ADMIN, 'settings set');
    expect(opened.modal).toBeDefined();
    const invalid = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'offTrackGapPoints' },
      value: { value: 'lots' },
    });
    expect(invalid.body).toMatchObject({ response_action: 'errors', errors: { value: /not a number/ } });
    const valid = await h.submit(ADMIN, opened.modal!, {
      name: { value: 'offTrackGapPoints' },
      value: { value: '30' },
    });
    expect(valid.status).toBe(200);
    expect(await overrides()).toEqual({ offTrackGapPoints: 30 });
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('`offTrackGapPoints` is now *30 points*');

    const named = await h.command(ADMIN, 'settings set offTrackGapPoints');
    const select = (
      named.modal!.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>
    ).find((block) => block.block_id === 'name');
    expect(select?.element?.initial_option).toMatchObject({ value: 'offTrackGapPoints' });

    const reset = await h.command(ADMIN, 'settings reset');
    expect(reset.modal).toBeDefined();
    await h.submit(ADMIN, reset.modal!, { name: { value: 'offTrackGapPoints' } });
    expect(await overrides()).toEqual({});
    expect(h.double.messagesIn(ADMIN).at(-1)?.text).toContain('back to its default, *25 points*');
  });

  it("changes an item's status from then on", async () => {
    // 2026-02-11 is 46% through the quarter: 26 is 20 points behind a straight-line plan.
    const before = await h.command(MEMBER, 'update KR-1 26 --confidence 7');
    expect(before.text).toMatch(/Status: :large_yellow_circle: at risk/);

    // The weighed forecast (about 70% here) decides; lowering the at-risk line clears it.
    expect((await h.command(ADMIN, 'settings set forecastAtRiskBelow 60%')).text).toContain('now *60%*');
    const lenient = await h.command(MEMBER, 'update KR-1 26 --confidence 7');
    expect(lenient.text).toMatch(/Status: :large_green_circle: on track/);

    await h.command(ADMIN, 'settings reset forecastAtRiskBelow');
    const strict = await h.command(MEMBER, 'update KR-1 26 --confidence 7');
    expect(strict.text).toContain('Status: :large_yellow_circle: at risk — on course for');
    expect(strict.text).toContain('26% done vs 46% expected');
  });
});

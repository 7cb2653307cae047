// The flag DM, the PMO line, the escalation line and the check-in form, as pure builders.
import { describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/ids.ts';
import {
  checkInModal,
  checkInReply,
  escalationLine,
  type FlagNotice,
  flagDirectMessage,
  pmoFlagLine,
} from '../../src/slack/views/flags.ts';

const notice: FlagNotice = {
  type: 'key_result',
  ref: 'KR-12',
  title: 'Sign <@U0EVIL> & <!here> partners',
  status: 'off_track',
  previous: 'at_risk',
  reasons: ['confidence 3/10', '42% done vs 60% expected'],
  detail: '42% done vs 60% expected · confidence 3/10',
  ownerSlackId: 'U0BOB',
};

describe('pmoFlagLine', () => {
  it('is one escaped line with the numbers and the owner', () => {
    expect(pmoFlagLine(notice).text.text).toBe(
      ':red_circle: *KR-12* "Sign &lt;@U0EVIL&gt; &amp; &lt;!here&gt; partners" is off track: 42% done vs 60% expected · confidence 3/10 — owner <@U0BOB>',
    );
    expect(pmoFlagLine({ ...notice, ownerSlackId: null, status: 'at_risk' }).text.text).toMatch(
      /^:large_yellow_circle: .* is at risk: .* — no owner$/,
    );
  });
});

describe('flagDirectMessage', () => {
  it('says what changed and why, with Check in and Add a risk buttons carrying the item', () => {
    const message = flagDirectMessage(notice);
    const [section, actions] = message.blocks ?? [];
    expect(JSON.stringify(section)).toContain('is now *off track* (was at risk)');
    expect(JSON.stringify(section)).toContain('• confidence 3/10');
    expect(JSON.stringify(section)).not.toContain('<!here>');
    expect(actions).toMatchObject({
      type: 'actions',
      elements: [
        { action_id: ACTION.flagCheckIn, value: 'KR-12' },
        { action_id: ACTION.flagAddRisk, value: 'KR-12' },
      ],
    });
  });

  it('offers no check-in for an objective, which is checked in through its key results', () => {
    const [, actions] = flagDirectMessage({ ...notice, type: 'objective', ref: 'O-3' }).blocks ?? [];
    expect(actions).toMatchObject({ elements: [{ action_id: ACTION.flagAddRisk }] });
  });
});

describe('escalationLine', () => {
  it('names the risk, its score, why it escalated and what it threatens', () => {
    const line = escalationLine({
      ref: 'R-7',
      title: 'Vendor <b>',
      score: 20,
      likelihood: 4,
      impact: 5,
      ownerSlackId: 'U0BOB',
      linked: { ref: 'KR-3', title: 'Ship', status: 'off_track' },
      because: { score: true, offTrack: true },
    });
    expect(line.text.text).toBe(
      ':rotating_light: Risk *R-7* "Vendor &lt;b&gt;" escalated (high score and its item is off track): score 20 (4×5) · threatens *KR-3* "Ship" (off track) — owner <@U0BOB>',
    );
  });
});

describe('checkInModal and checkInReply', () => {
  it('asks for the item only when it is not known, and only the value for a KPI', () => {
    const open = checkInModal();
    expect(open.blocks.map((b) => b.block_id)).toEqual([
      'item',
      'value',
      'confidence',
      'comment',
      'blockers',
    ]);
    const kpi = checkInModal({ ref: 'KPI-2', title: 'Churn', kind: 'kpi' });
    expect(kpi.private_metadata).toBe('KPI-2');
    expect(kpi.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['value']);
  });

  it('replies with the value, progress, status and forecast, escaped', () => {
    const reply = checkInReply({
      ref: 'KR-1',
      title: 'Grow <!channel>',
      period: '2026-W07',
      replaced: false,
      valueText: '1,250',
      status: 'at_risk',
      summary: 'confidence 5/10',
      progressText: '42% done (60% expected by now)',
      forecastText: 'on course for 70–85% of target',
    });
    expect(reply.text.text).toBe(
      [
        'Checked in for 2026-W07: *KR-1* Grow &lt;!channel&gt; → 1,250',
        'Progress: 42% done (60% expected by now)',
        'Status: :large_yellow_circle: at risk — confidence 5/10',
        'Forecast: on course for 70–85% of target',
      ].join('\n'),
    );
  });
});

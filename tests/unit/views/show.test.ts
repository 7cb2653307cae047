import { describe, expect, it } from 'vitest';
import type { RiskDetails } from '../../../src/services/item-details.ts';
import { toWire } from '../../../src/slack/views/message.ts';
import { changeLine, showMessage } from '../../../src/slack/views/show.ts';

const at = new Date('2026-02-03T09:30:00Z');
const when = `<!date^${at.getTime() / 1000}^{date_short} {time}|2026-02-03 09:30 UTC>`;
const change = (
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  actor = 'U0ALICE',
) => ({
  at,
  actor,
  action,
  before,
  after,
});

describe('changeLine', () => {
  it('reads an edit as before → after, with people as mentions and text quoted and escaped', () => {
    expect(
      String(
        changeLine(
          change('update', { title: 'Old <x>', owner: 'U0BOB' }, { title: 'New & better', owner: 'U0PRIYA' }),
        ),
      ),
    ).toBe(
      `• ${when} · <@U0ALICE> changed title “Old &lt;x&gt;” → “New &amp; better”; owner <@U0BOB> → <@U0PRIYA>`,
    );
  });

  it('names fields in words and shows removals, yes/no and dates', () => {
    expect(
      String(
        changeLine(
          change(
            'close',
            { status: 'open' },
            { status: 'closed', closedAt: '2026-02-03T09:30:00.000Z', escalated: true },
          ),
        ),
      ),
    ).toBe(`• ${when} · <@U0ALICE> closed it status “open” → “closed”; closed at 2026-02-03; escalated yes`);
    expect(String(changeLine(change('update', { team: 'Growth' }, { team: null })))).toBe(
      `• ${when} · <@U0ALICE> changed team “Growth” → none`,
    );
  });

  it('keeps creations, archives and restores short, and marks non-person actors', () => {
    expect(String(changeLine(change('create', {}, { title: 'A', owner: 'U0BOB' }, 'import')))).toBe(
      `• ${when} · _import_ created it`,
    );
    expect(String(changeLine(change('archive', { archived: false }, { archived: true })))).toBe(
      `• ${when} · <@U0ALICE> archived it`,
    );
  });

  it('leaves out fields whose value did not change', () => {
    expect(
      String(changeLine(change('check_in', { period: 'W48', value: 1 }, { period: 'W48', value: 2 }))),
    ).toBe(`• ${when} · <@U0ALICE> checked in value 1 → 2`);
  });

  it('lists at most four fields', () => {
    const after = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 };
    expect(String(changeLine(change('update', {}, after)))).toBe(
      `• ${when} · <@U0ALICE> changed a 1; b 2; c 3; d 4; and 2 more fields`,
    );
  });
});

describe('showMessage', () => {
  it('shows a risk with score, link, mitigation and changes, all user text escaped', () => {
    const item: RiskDetails = {
      entity: 'risk',
      risk: {
        id: 1,
        ref: 'R-1',
        title: 'Vendor <delay>',
        description: '',
        ownerSlackId: 'U0BOB',
        likelihood: 4,
        impact: 5,
        score: 20,
        status: 'open',
        mitigation: '',
        linked: { ref: 'KR-3', title: 'Ship & sell' },
        closedAt: null,
      },
      changes: [],
    };
    expect(toWire(showMessage(item))).toEqual({
      // The notification fallback is the escaped head line, never the raw title.
      text: '*R-1* Vendor &lt;delay&gt;',
      blocks: [
        {
          type: 'section',
          text: {
            type: 'mrkdwn',
            text: '*R-1* Vendor &lt;delay&gt;\nowner <@U0BOB> · score *20* (likelihood 4 × impact 5) · status open · on *KR-3* Ship &amp; sell',
          },
        },
        {
          type: 'section',
          text: { type: 'mrkdwn', text: '*Mitigation*\n_None yet: `/okr risk edit R-1 --mitigation "…"`._' },
        },
      ],
    });
  });
});

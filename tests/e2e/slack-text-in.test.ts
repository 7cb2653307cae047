// Defect 2: Slack's escaping of command text is decoded once at the boundary, so what is stored and
// exported is what the person typed, and a formatted link is one piece of text, never split.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await h.command(ADMIN, 'cycle add "2026 Q1" 2026-01-01 2026-03-31 --current');
});
afterAll(() => h.close());

describe('command text as Slack sends it', () => {
  it('stores "R&D <3 P&L" for a title Slack sent as R&amp;D &lt;3 P&amp;L, and shows it escaped once', async () => {
    const reply = await h.command(ADMIN, 'objective add "R&amp;D &lt;3 P&amp;L"');
    expect(reply.text).toContain('Created *O-1* R&amp;D &lt;3 P&amp;L (');
    const row = await h.db.objective.findFirstOrThrow({ where: { number: 1 } });
    expect(row.title).toBe('R&D <3 P&L');
  });

  it('stores a link Slack formatted as the text the person typed', async () => {
    await h.command(ADMIN, 'objective add "Publish docs at <http://x.com|x.com>" --owner <@U0BOB|bob>');
    const row = await h.db.objective.findFirstOrThrow({ where: { number: 2 }, include: { owner: true } });
    expect(row.title).toBe('Publish docs at x.com');
    expect(row.owner?.slackUserId).toBe('U0BOB');
  });

  it('splits milestones only between them, never inside a formatted link', async () => {
    const reply = await h.command(
      ADMIN,
      'kr add O-1 "Ship the guide" --kind milestone --milestones "Docs at <http://x.com|x.com> | Launch"',
    );
    expect(reply.text).toContain('Created');
    const kr = await h.db.keyResult.findFirstOrThrow({
      where: { number: 1 },
      include: { milestones: { orderBy: { position: 'asc' } } },
    });
    expect(kr.milestones.map((m) => m.title)).toEqual(['Docs at x.com', 'Launch']);
  });
});

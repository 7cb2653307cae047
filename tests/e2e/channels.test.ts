// Defect 9: a channel someone sets is checked with conversations.info, and the answer says how to fix it.
// With chat:write.public (in the manifest), Slack posts to a public channel Okra has not joined.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blocksText, expectAnswers, expectSays } from '../support/e2e-steps.ts';
import { ADMIN, type Harness, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const pmoChannel = async () => (await h.db.workspace.findFirstOrThrow()).pmoChannelId;

describe('setting the PMO channel', () => {
  it('refuses an archived channel, a private one Okra is not in, and one that does not exist', async () => {
    await expectAnswers(h, ADMIN, [
      ['settings pmo <#C0ARCHIVED|old-okrs>', '#old-okrs is archived: pick a channel in use.'],
      ['settings pmo <#C0LEADERS|leadership>', ['Okra cannot see channel C0LEADERS', '/invite @Okra']],
      ['settings pmo <#C0NOWHERE|gone>', 'Okra cannot see channel C0NOWHERE'],
    ]);
    expect(await pmoChannel()).toBeNull();
  });

  it('accepts a public channel Okra has not joined, where Slack lets it post', async () => {
    await expectAnswers(h, ADMIN, [['settings pmo <#C0RANDOM|random>', 'now go to <#C0RANDOM>']]);
    expect(await pmoChannel()).toBe('C0RANDOM');
    const posted = await h.okra.app.client.chat.postMessage({ channel: 'C0RANDOM', text: 'hello' });
    expect(posted.ok).toBe(true);
  });
});

describe('a team channel', () => {
  it('refuses an archived channel for a new team, naming it', async () => {
    await expectAnswers(h, ADMIN, [['team add Growth <#C0ARCHIVED|old-okrs>', '#old-okrs is archived']]);
    expect(await h.db.team.count()).toBe(0);
  });
});

describe('/okr settings', () => {
  it('shows that the PMO channel can no longer be reached, and how to fix it', async () => {
    await h.command(ADMIN, 'settings pmo <#C0OKRS|okrs>');
    h.double.addChannel({ id: 'C0OKRS', name: 'okrs', isArchived: true });
    const shown = await h.command(ADMIN, 'settings');
    expectSays(
      blocksText(shown),
      [':warning: Flags cannot reach it: #okrs is archived', '/okr settings pmo #channel'],
      '/okr settings',
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendCommand } from '../../devkit/slack-stand-in/driver.ts';
import { ADMIN, type Harness, MEMBER, SIGNING_SECRET, startHarness } from '../support/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('/okr help', () => {
  // How fast: see the acknowledgement benchmark (npm run bench), not a timed test.
  it('answers a signed request with HTTP 200 and lists what a member may use', async () => {
    const result = await h.command(MEMBER, 'help');
    expect(result.http.status).toBe(200);
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]!.body.response_type).toBe('ephemeral');
    expect(result.text).toContain('/okr help');
    expect(result.text).toContain('/okr cycle list');
    expect(result.text).not.toContain('/okr cycle add');
  });

  it('shows admins the commands that change things, each with an example', async () => {
    const result = await h.command(ADMIN, 'help');
    expect(result.text).toContain('/okr cycle add');
    const blocksText = JSON.stringify(result.replies[0]!.body.blocks);
    expect(blocksText).toContain('e.g. `/okr cycle add');
    expect(result.replies[0]!.accepted).toBe(true);
  });

  it('answers an unknown subcommand with the closest match and a pointer to help', async () => {
    const result = await h.command(MEMBER, 'cycle lst');
    expect(result.text).toContain('no command');
    expect(result.text).toContain('/okr cycle list');
    expect(result.text).toContain('/okr help');
  });

  it('refuses a bad signature and an old timestamp with 401, running no listener', async () => {
    const responseUrl = h.double.newResponseUrl();
    const stranger = 'U0STRANGER';
    const bad = await sendCommand(
      h.appUrl,
      SIGNING_SECRET,
      { userId: stranger, text: 'help', responseUrl },
      { badSignature: true },
    );
    const old = await sendCommand(
      h.appUrl,
      SIGNING_SECRET,
      { userId: stranger, text: 'help', responseUrl },
      { ageSeconds: 6 * 60 },
    );
    expect(bad.status).toBe(401);
    expect(old.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(h.double.responsesTo(responseUrl)).toHaveLength(0);
    // The context middleware creates a member for anyone whose request reaches a listener: none did.
    expect(await h.db.member.count({ where: { slackUserId: stranger } })).toBe(0);
  });

  it('answers /healthz with 200 while the database answers', async () => {
    const response = await fetch(`${h.appUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up' });
  });
});

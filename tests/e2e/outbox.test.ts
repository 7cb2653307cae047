// The outbox end to end: notices recorded in a transaction are delivered by the real WebClient to the Slack
// double, once each, as posts, DMs, thread replies, replacements and files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue, type Notice } from '../../src/services/outbox.ts';
import { md } from '../../src/slack/mrkdwn.ts';
import type { NoticeRenderer } from '../../src/slack/notices/types.ts';
import { type Harness, MEMBER, startHarness } from '../support/harness.ts';

const PMO = 'C0OKRS';

const say: NoticeRenderer = (payload) => {
  const { text } = payload as { text: string };
  if (typeof text !== 'string') throw new Error('payload.text must be a string');
  return {
    text: md`${text}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: md`${text}`.text } }],
  };
};
const chart: NoticeRenderer = () => ({
  file: {
    filename: 'chart.png',
    title: 'Chart',
    altText: 'A chart',
    bytes: new Uint8Array([137, 80, 78, 71]),
  },
});

let h: Harness;
let workspaceId: number;

beforeAll(async () => {
  h = await startHarness({ outbox: { renderers: { say, chart } } });
  await h.command(MEMBER, 'help');
  workspaceId = (await h.db.workspace.findFirstOrThrow()).id;
});
afterAll(() => h.close());

async function enqueueAndTick(notices: Notice[]) {
  await h.db.$transaction((tx) => enqueue(tx, workspaceId, notices));
  await h.tick();
}

const rowOf = (key: string) =>
  h.db.outbox.findUniqueOrThrow({ where: { workspaceId_key: { workspaceId, key } } });

describe('enqueue', () => {
  it('records a key once: enqueuing it again leaves the first notice as it is', async () => {
    const notice = { key: 'same', kind: 'say', to: { channel: PMO }, payload: { text: 'first' } };
    await h.db.$transaction(async (tx) => {
      await enqueue(tx, workspaceId, [notice]);
      await enqueue(tx, workspaceId, [{ ...notice, payload: { text: 'second' } }]);
    });
    await h.db.$transaction((tx) => enqueue(tx, workspaceId, [{ ...notice, payload: { text: 'third' } }]));
    const rows = await h.db.outbox.findMany({ where: { key: 'same' } });
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.payload)).toEqual({ text: 'first' });
  });

  it("keeps the caller's transaction whole when a key is already there", async () => {
    await h.db.$transaction(async (tx) => {
      await enqueue(tx, workspaceId, [
        { key: 'same', kind: 'say', to: { channel: PMO }, payload: { text: 'x' } },
      ]);
      await tx.auditEntry.create({
        data: {
          workspaceId,
          actor: 'system',
          action: 'update',
          entityType: 'test',
          entityId: 1,
          entityRef: 'T-1',
        },
      });
    });
    expect(await h.db.auditEntry.count({ where: { entityType: 'test' } })).toBe(1);
  });

  it('writes nothing when the transaction rolls back', async () => {
    await expect(
      h.db.$transaction(async (tx) => {
        await enqueue(tx, workspaceId, [
          { key: 'rolled-back', kind: 'say', to: { channel: PMO }, payload: { text: 'x' } },
        ]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await h.db.outbox.count({ where: { key: 'rolled-back' } })).toBe(0);
  });
});

describe('delivery', () => {
  it('posts to a channel once, with the key in the metadata, and stores channel and ts', async () => {
    await h.tick();
    await h.tick();
    const posted = h.double.messagesIn(PMO).filter((m) => m.text === 'first');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.metadata).toEqual({
      event_type: 'okra_notice',
      event_payload: { workspace: workspaceId, key: 'same' },
    });
    expect(await rowOf('same')).toMatchObject({
      state: 'sent',
      channel: PMO,
      ts: posted[0]!.ts,
      attempts: 1,
    });
  });

  it('sends a DM to a person and stores the D… channel Slack answered', async () => {
    await enqueueAndTick([{ key: 'dm', kind: 'say', to: { user: MEMBER }, payload: { text: 'hello bob' } }]);
    const dm = h.double.dmChannelOf(MEMBER);
    expect(h.double.messagesIn(dm).map((m) => m.text)).toContain('hello bob');
    expect(await rowOf('dm')).toMatchObject({ state: 'sent', channel: dm });
  });

  it('replies in the thread of an earlier notice and replaces one with chat.update', async () => {
    await enqueueAndTick([
      { key: 'top', kind: 'say', to: { channel: PMO }, payload: { text: 'digest' } },
      { key: 'reply', kind: 'say', to: { channel: PMO }, payload: { text: 'details' }, threadOf: 'top' },
    ]);
    const top = await rowOf('top');
    expect(h.double.messagesIn(PMO, { threadTs: top.ts! }).map((m) => m.text)).toEqual(['details']);
    await enqueueAndTick([
      {
        key: 'top-v2',
        kind: 'say',
        to: { channel: PMO },
        payload: { text: 'digest, corrected' },
        replaces: 'top',
      },
    ]);
    const edited = h.double.messagesIn(PMO).find((m) => m.ts === top.ts);
    expect(edited?.text).toBe('digest, corrected');
    expect(await rowOf('top-v2')).toMatchObject({ state: 'sent', channel: PMO, ts: top.ts });
  });

  it('uploads a file with the external upload flow', async () => {
    await enqueueAndTick([{ key: 'file', kind: 'chart', to: { channel: PMO }, payload: {} }]);
    const file = h.double.files.find((f) => f.filename === 'chart.png');
    expect(file).toMatchObject({ completed: true, channelId: PMO, title: 'Chart' });
    expect((await rowOf('file')).state).toBe('sent');
  });

  it('waits for notBefore, then sends at the first tick after it', async () => {
    const at = h.clock.now();
    await enqueueAndTick([
      {
        key: 'later',
        kind: 'say',
        to: { channel: PMO },
        payload: { text: 'later' },
        notBefore: new Date(at.getTime() + 3_600_000),
      },
    ]);
    expect((await rowOf('later')).state).toBe('pending');
    h.clock.advance(3_600_000);
    await h.tick();
    expect((await rowOf('later')).state).toBe('sent');
  });

  it('gives up a notice Slack refuses for good without holding back the others', async () => {
    await enqueueAndTick([
      { key: 'gone', kind: 'say', to: { channel: 'C0MISSING' }, payload: { text: 'lost' } },
      { key: 'unknown-kind', kind: 'nope', to: { channel: PMO }, payload: {} },
      { key: 'bad-payload', kind: 'say', to: { channel: PMO }, payload: { text: 42 } },
      { key: 'fine', kind: 'say', to: { channel: PMO }, payload: { text: 'fine' } },
    ]);
    expect(await rowOf('gone')).toMatchObject({ state: 'failed', lastError: 'channel_not_found' });
    expect((await rowOf('unknown-kind')).lastError).toContain('no renderer');
    expect((await rowOf('bad-payload')).lastError).toContain('could not render');
    expect((await rowOf('fine')).state).toBe('sent');
  });
});

import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHANNELS,
  DEFAULT_USERS,
  type SlackDouble,
} from '../../devkit/slack-stand-in/web-api/index.ts';
import { eachTestWithDouble, slackErrorOf } from './helpers.ts';

describe('slack double: users and files', () => {
  let double: SlackDouble;
  let client: WebClient;
  // A January date: no daylight saving anywhere in the default users' zones.
  const winter = Date.UTC(2025, 0, 15, 12, 0, 0);

  eachTestWithDouble((fresh) => ({ double, client } = fresh), { clock: () => winter });

  it('users.info answers per-user time zones', async () => {
    const priya = await client.users.info({ user: DEFAULT_USERS.priya.id });
    expect(priya.user).toMatchObject({
      tz: 'Asia/Kolkata',
      tz_offset: 19_800,
      tz_label: 'India Standard Time',
    });
    const bob = await client.users.info({ user: DEFAULT_USERS.bob.id });
    expect(bob.user).toMatchObject({ tz: 'America/New_York', tz_offset: -18_000 });
    double.addUser({
      id: 'U0CUSTOM',
      name: 'custom',
      displayName: 'Cee',
      tz: 'Europe/Paris',
      tzOffset: 3600,
      tzLabel: 'CET',
    });
    const custom = await client.users.info({ user: 'U0CUSTOM' });
    expect(custom.user).toMatchObject({ tz_offset: 3600, tz_label: 'CET', profile: { display_name: 'Cee' } });
    expect(await slackErrorOf(client.users.info({ user: 'U0NOBODY' }))).toBe('user_not_found');
  });

  it('users.list pages with limit and cursor', async () => {
    const first = await client.users.list({ limit: 3 });
    expect(first.members).toHaveLength(3);
    expect(first.response_metadata?.next_cursor).toBeTruthy();
    const ids: string[] = [];
    for await (const page of client.paginate('users.list', { limit: 2 })) {
      for (const member of (page as unknown as { members: Array<{ id: string }> }).members)
        ids.push(member.id);
    }
    expect(ids).toEqual([double.botUserId, ...Object.values(DEFAULT_USERS).map((u) => u.id)]);
    expect(await slackErrorOf(client.users.list({ cursor: 'bm9wZQ==' }))).toBe('invalid_cursor');
  });

  it('runs the upload flow end to end with filesUploadV2', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const result = await client.filesUploadV2({
      channel_id: DEFAULT_CHANNELS.okrs.id,
      file: bytes,
      filename: 'q3-progress.png',
      title: 'Q3 progress',
      initial_comment: 'Weekly chart',
    });
    expect(result.ok).toBe(true);
    const [file] = double.files;
    expect(file).toMatchObject({
      filename: 'q3-progress.png',
      title: 'Q3 progress',
      channelId: DEFAULT_CHANNELS.okrs.id,
      initialComment: 'Weekly chart',
      completed: true,
    });
    expect(file?.content?.equals(bytes)).toBe(true);
    expect(double.callsTo('files.completeUploadExternal')[0]?.args['files']).toEqual([
      { id: file?.id, title: 'Q3 progress' },
    ]);
  });

  it('refuses completing a file whose bytes never arrived, or sharing to a closed channel', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    expect(url.upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/upload\/v1\/F/);
    expect(
      await slackErrorOf(client.files.completeUploadExternal({ files: [{ id: url.file_id ?? '' }] })),
    ).toBe('file_not_found');
    await fetch(url.upload_url ?? '', { method: 'POST', body: 'a,b' });
    const share = client.files.completeUploadExternal({
      files: [{ id: url.file_id ?? '' }],
      channel_id: DEFAULT_CHANNELS.archived.id,
    });
    expect(await slackErrorOf(share)).toBe('is_archived');
    expect((await client.files.completeUploadExternal({ files: [{ id: url.file_id ?? '' }] })).ok).toBe(true);
    expect(double.files[0]?.content?.toString()).toBe('a,b');
  });
});

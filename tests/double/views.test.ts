import type { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_USERS, type SlackDouble } from '../../devkit/slack-stand-in/web-api/index.ts';
import { doubleWithClient, sections, slackErrorOf } from './helpers.ts';

const modal = (title = 'Check-in', extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: { type: 'plain_text' as const, text: title },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input',
      block_id: 'progress',
      label: { type: 'plain_text', text: 'Progress' },
      element: { type: 'plain_text_input', action_id: 'value' },
    },
  ],
  ...extra,
});

describe('slack double: views', () => {
  let double: SlackDouble;
  let client: WebClient;
  let now = 1_700_000_000_000;

  beforeEach(async () => {
    now = 1_700_000_000_000;
    ({ double, client } = await doubleWithClient({ clock: () => now }));
  });
  afterEach(async () => {
    await double.close();
  });

  it('trigger ids are single-use, expire after 3 s and must be issued by the double', async () => {
    const trigger = double.newTriggerId({ userId: DEFAULT_USERS.alice.id });
    const opened = await client.views.open({ trigger_id: trigger, view: modal() });
    expect(opened.view?.id).toMatch(/^V/);
    expect(await slackErrorOf(client.views.open({ trigger_id: trigger, view: modal() }))).toBe(
      'exchanged_trigger_id',
    );

    const late = double.newTriggerId();
    now += 3001;
    expect(await slackErrorOf(client.views.open({ trigger_id: late, view: modal() }))).toBe(
      'expired_trigger_id',
    );
    expect(await slackErrorOf(client.views.open({ trigger_id: '1.2.abc', view: modal() }))).toBe(
      'invalid_trigger_id',
    );
    expect(double.currentModal(DEFAULT_USERS.alice.id)?.['id']).toBe(opened.view?.id);
  });

  it('validates modals: title length, block count, submit with inputs, size', async () => {
    const open = (view: unknown) =>
      slackErrorOf(
        client.views.open({ trigger_id: double.newTriggerId(), view: view as ReturnType<typeof modal> }),
      );
    expect(await open(modal('x'.repeat(25)))).toBe('invalid_arguments');
    expect(await open(modal('ok', { blocks: sections(101) }))).toBe('invalid_arguments');
    expect(await open(modal('ok', { blocks: sections(100) }))).toBe('ok');
    expect(await open({ ...modal(), submit: undefined })).toBe('invalid_arguments');
    expect(await open(modal('ok', { private_metadata: 'm'.repeat(3001) }))).toBe('invalid_arguments');
    const huge = Array.from({ length: 100 }, (_, i) => ({
      type: 'section',
      block_id: `h${i}`,
      text: { type: 'mrkdwn', text: 'z'.repeat(2600) },
    }));
    expect(await open(modal('ok', { blocks: huge }))).toBe('view_too_large');
  });

  it('allows two pushed views over a modal, then push_limit_reached', async () => {
    const root = await client.views.open({
      trigger_id: double.newTriggerId({ userId: 'U0BOB' }),
      view: modal(),
    });
    const push = () =>
      client.views.push({ trigger_id: double.newTriggerId({ userId: 'U0BOB' }), view: modal('Next') });
    const first = await push();
    expect(first.view?.root_view_id).toBe(root.view?.id);
    expect(first.view?.previous_view_id).toBe(root.view?.id);
    await push();
    expect(await slackErrorOf(push())).toBe('push_limit_reached');
    expect(double.openViews).toHaveLength(3);
  });

  it('views.update checks hash and finds views by id or external_id', async () => {
    const opened = await client.views.open({
      trigger_id: double.newTriggerId(),
      view: modal('Loading', { external_id: 'checkin-1' }),
    });
    const viewId = opened.view?.id ?? '';
    const hash = opened.view?.hash ?? '';
    const updated = await client.views.update({ view_id: viewId, hash, view: modal('Ready') });
    expect(updated.view?.id).toBe(viewId);
    expect(await slackErrorOf(client.views.update({ view_id: viewId, hash, view: modal('Stale') }))).toBe(
      'hash_conflict',
    );
    expect((await client.views.update({ external_id: 'checkin-1', view: modal('By external id') })).ok).toBe(
      true,
    );
    expect(await slackErrorOf(client.views.update({ view_id: 'VNOPE', view: modal() }))).toBe('not_found');
    expect(double.currentModal()?.['title']).toEqual({ type: 'plain_text', text: 'By external id' });
  });

  it('publishes Home tabs per user', async () => {
    const home = { type: 'home' as const, blocks: sections(3) };
    const first = await client.views.publish({ user_id: DEFAULT_USERS.alice.id, view: home });
    const second = await client.views.publish({
      user_id: DEFAULT_USERS.alice.id,
      view: { ...home, blocks: sections(1) },
    });
    expect(second.view?.id).toBe(first.view?.id);
    expect(double.homeOf(DEFAULT_USERS.alice.id)?.['blocks']).toHaveLength(1);
    expect(double.homeOf(DEFAULT_USERS.bob.id)).toBeUndefined();
    expect(await slackErrorOf(client.views.publish({ user_id: 'U0NOBODY', view: home }))).toBe(
      'invalid_arguments',
    );
    expect(
      await slackErrorOf(
        client.views.publish({ user_id: 'U0BOB', view: { type: 'home', blocks: sections(101) } }),
      ),
    ).toBe('invalid_arguments');
  });
});

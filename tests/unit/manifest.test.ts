// manifest.yml is what a PMO pastes into Slack: it must describe the app this code is.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Manifest {
  display_information: { name: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string };
    slash_commands: Array<{ command: string; url: string; should_escape: boolean; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(import.meta.dirname, '../../manifest.yml'), 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('declares the /okr command with escaped mentions, so @people and #channels arrive as ids', () => {
    const [command] = manifest.features.slash_commands;
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(command).toMatchObject({ command: '/okr', should_escape: true });
    expect(command!.description.length).toBeLessThanOrEqual(100);
  });

  it('sends every request to /slack/events, where the app listens', () => {
    const urls = [
      manifest.features.slash_commands[0]!.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('has a bot user, the Home and Messages tabs, and the app_home_opened and user_change events', () => {
    expect(manifest.features.bot_user.display_name).toBe('Okra');
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'user_change']);
  });

  it('asks for the minimal bot scopes and nothing more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      // channels:read and groups:read: conversations.info checks a channel when someone sets it.
      [
        'channels:read',
        'chat:write',
        'chat:write.public',
        'commands',
        'files:write',
        'groups:read',
        'im:write',
        'users:read',
        // The outbox reads its own recent messages to find a notice by its key before resending.
        'im:history',
        'channels:history',
        'groups:history',
      ].sort(),
    );
  });

  it('starts in HTTP mode (Socket Mode is a documented switch)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config.ts';
import { createLogger, redactSecrets } from '../../src/logger.ts';

const VALID = { SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: 's3cret' };

describe('configuration', () => {
  it('refuses an OKRA_DEFAULT_TZ that is not a time zone, saying what to give', () => {
    expect(() => parseConfig({ ...VALID, OKRA_DEFAULT_TZ: 'Mars/Olympus' })).toThrow(
      /OKRA_DEFAULT_TZ is not a time zone Okra knows \(where to find it: an IANA name such as Europe\/Paris/,
    );
    expect(parseConfig({ ...VALID, OKRA_DEFAULT_TZ: 'Asia/Kolkata' }).defaultTimeZone).toBe('Asia/Kolkata');
    expect(parseConfig({ ...VALID, OKRA_DEFAULT_TZ: '' }).defaultTimeZone).toBe('UTC');
  });

  it('parses a minimal environment with the documented defaults', () => {
    const config = parseConfig(VALID);
    expect(config).toMatchObject({
      databaseUrl: 'file:./data/okra.db',
      port: 3000,
      admins: [],
      slackAppToken: undefined,
      slackApiUrl: undefined,
      defaultTimeZone: 'UTC',
    });
  });

  it('names every missing or invalid variable at once, with where to find it', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', OKRA_ADMINS: 'U123ABC, dana', DATABASE_URL: 'mysql://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('SLACK_BOT_TOKEN is missing');
    expect(problems).toContain('SLACK_SIGNING_SECRET is missing');
    expect(problems).toContain('PORT');
    expect(problems).toContain('OKRA_ADMINS');
    expect(problems).toContain('DATABASE_URL must start with file: (SQLite) or postgresql://');
    expect((error as ConfigError).message).toContain('manifest.yml');
  });

  it('reads Socket Mode, the API URL, PostgreSQL and the admins list', () => {
    const config = parseConfig({
      ...VALID,
      SLACK_APP_TOKEN: 'xapp-1-abc',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
      DATABASE_URL: 'postgresql://okra:pw@db:5432/okra',
      OKRA_ADMINS: 'U012AB3CD, W045EF6GH',
    });
    expect(config.slackAppToken).toBe('xapp-1-abc');
    expect(config.slackApiUrl).toBe('http://127.0.0.1:9999/api/');
    expect(config.admins).toEqual(['U012AB3CD', 'W045EF6GH']);
  });

  it('refuses a user token where the bot token belongs', () => {
    expect(() => parseConfig({ ...VALID, SLACK_BOT_TOKEN: 'xoxp-123' })).toThrow(/must be a bot token/);
  });
});

describe('logging never prints secrets', () => {
  it('masks Slack tokens and database passwords', () => {
    expect(redactSecrets('token xoxb-123-456-abc and xapp-1-A2-xyz')).toBe('token xox*-*** and xapp-***');
    expect(redactSecrets('postgresql://okra:hunter2@db:5432/okra')).toBe(
      'postgresql://okra:***@db:5432/okra',
    );
  });

  it('applies the masking to everything the logger writes', () => {
    const lines: string[] = [];
    const logger = createLogger('debug', (line) => lines.push(line));
    logger.info('connecting with', 'xoxb-999-secret', { url: 'postgresql://u:pw@h/db' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('secret');
    expect(lines[0]).not.toContain(':pw@');
  });
});

import { describe, expect, it } from 'vitest';
import { personCheckFrom, type SlackPerson } from '../../../src/services/roles.ts';

const directory: Record<string, SlackPerson> = {
  U1: { id: 'U1', name: 'dana', isBot: false, deleted: false },
  U2: { id: 'U2', name: 'okra', isBot: true, deleted: false },
  U3: { id: 'U3', name: 'former', isBot: false, deleted: true },
  USLACKBOT: { id: 'USLACKBOT', name: 'slackbot', isBot: false, deleted: false },
};

const check = personCheckFrom(async (id) => (id === 'U9' ? undefined : (directory[id] ?? 'not_found')));

describe('personCheckFrom', () => {
  it('accepts people and refuses bots, Slackbot, deactivated and unknown accounts', async () => {
    expect(await check('U1')).toBeUndefined();
    expect(await check('U2')).toBe('@okra is a bot, not a person.');
    expect(await check('USLACKBOT')).toBe('@slackbot is a bot, not a person.');
    expect(await check('U3')).toBe("@former's account is deactivated.");
    expect(await check('U4')).toBe('Slack does not know the user U4 in this workspace.');
  });

  it('lets a person through when Slack cannot be asked', async () => {
    expect(await check('U9')).toBeUndefined();
  });
});

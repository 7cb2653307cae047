import { describe, expect, it } from 'vitest';
import { parseTeamAdd } from '../../../src/slack/features/teams.ts';

describe('parseTeamAdd', () => {
  it('reads a name, a channel, every person after --members and one --leader', () => {
    const parsed = parseTeamAdd([
      'Growth',
      '<#C1|growth>',
      '--members',
      '<@U1|a>',
      '<@U2|b>',
      '--leader',
      '<@U3|c>',
    ]);
    expect(parsed).toEqual({
      ok: true,
      value: { name: 'Growth', channel: '<#C1|growth>', members: ['<@U1|a>', '<@U2|b>'], leader: '<@U3|c>' },
    });
  });

  it('joins unquoted words into the name and goes back to the name after the leader', () => {
    const parsed = parseTeamAdd(['--leader=@sam', 'Customer', 'Success', '--members=@dana', '@lee']);
    expect(parsed).toEqual({
      ok: true,
      value: { name: 'Customer Success', channel: undefined, members: ['@dana', '@lee'], leader: '@sam' },
    });
  });

  it('keeps a non-person after --members, for the resolver to refuse by name', () => {
    const parsed = parseTeamAdd(['Growth', '--members', '@dana', '#growth']);
    expect(parsed.ok && parsed.value.members).toEqual(['@dana', '#growth']);
  });

  it('explains mistakes: people without --members, two channels, two leaders, unknown options', () => {
    expect(parseTeamAdd(['Growth', '@dana'])).toEqual({
      ok: false,
      errors: { members: 'Put people after --members, e.g. --members @dana.' },
    });
    expect(parseTeamAdd(['Growth', '#a', '#b'])).toMatchObject({
      ok: false,
      errors: { channel: expect.any(String) },
    });
    expect(parseTeamAdd(['Growth', '--leader', '@a', '--leader', '@b'])).toMatchObject({
      ok: false,
      errors: { leader: expect.any(String) },
    });
    expect(parseTeamAdd(['Growth', '--owner', '@a'])).toMatchObject({
      ok: false,
      errors: { options: expect.stringContaining('--owner') },
    });
  });
});

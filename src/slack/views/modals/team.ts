// The team forms. Block ids are the service's field names, so validation errors land on the right input.
import type { View } from '@slack/types';
import { TEAM_NAME_MAX, type TeamView } from '../../../services/teams.ts';
import { CALLBACK } from '../../ids.ts';
import { channelSelect, modal, multiUserSelect, staticSelect, textInput, userSelect } from '../inputs.ts';

export function teamAddModal(): View {
  return modal({
    callbackId: CALLBACK.teamAdd,
    title: 'New team',
    submit: 'Create',
    blocks: [
      textInput('name', { label: 'Name', placeholder: 'Growth', maxLength: TEAM_NAME_MAX }),
      channelSelect('channel', { label: 'Channel', optional: true, hint: "Where the team's digest goes." }),
      multiUserSelect('members', { label: 'Members', optional: true }),
      userSelect('leader', { label: 'Leader', optional: true, hint: 'Joins the team as its leader.' }),
    ],
  });
}

/** The whole team, prefilled; what is submitted replaces it. The team's id travels in private_metadata. */
export function teamEditModal(team: TeamView): View {
  const leader = team.leaders[0];
  return modal({
    callbackId: CALLBACK.teamEdit,
    title: 'Edit team',
    privateMetadata: String(team.id),
    blocks: [
      textInput('name', { label: 'Name', initial: team.name, maxLength: TEAM_NAME_MAX }),
      channelSelect('channel', {
        label: 'Channel',
        optional: true,
        hint: "Where the team's digest goes.",
        ...(team.channelId ? { initial: team.channelId } : {}),
      }),
      multiUserSelect('members', { label: 'Members', optional: true, initial: team.members }),
      userSelect('leader', { label: 'Leader', optional: true, ...(leader ? { initial: leader } : {}) }),
    ],
  });
}

/**
 * When no team was named: pick one, then add or remove people or set its channel. Nothing here replaces the
 * member list, so leaving a field empty never removes anyone.
 */
export function teamPickModal(teams: readonly TeamView[]): View {
  return modal({
    callbackId: CALLBACK.teamEdit,
    title: 'Change a team',
    blocks: [
      staticSelect('team', {
        label: 'Team',
        choices: teams.map((team) => ({ value: String(team.id), label: team.name })),
      }),
      channelSelect('channel', {
        label: 'New channel',
        optional: true,
        hint: 'Leave empty to keep the current one.',
      }),
      multiUserSelect('add', { label: 'People to add', optional: true }),
      multiUserSelect('remove', { label: 'People to remove', optional: true }),
    ],
  });
}

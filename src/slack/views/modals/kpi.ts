// The forms behind `/okr kpi add` and `/okr kpi edit KPI-n`. Block ids are the KPI service's field names.
import type { View } from '@slack/types';
import { formatNumber } from '../../../domain/numbers/index.ts';
import type { KpiView } from '../../../services/kpis.ts';
import { CALLBACK } from '../../ids.ts';
import { type Choice, modal, staticSelect, textInput, userSelect } from '../inputs.ts';

const DIRECTIONS: Choice[] = [
  { value: 'higher_is_better', label: 'Higher is better' },
  { value: 'lower_is_better', label: 'Lower is better' },
];

const CADENCES: Choice[] = [
  { value: 'weekly', label: 'Weekly' },
  { value: 'monthly', label: 'Monthly' },
];

export interface TeamChoice {
  id: number;
  name: string;
}

// Numbers go back into the form the way people write them, so an unchanged field reads back identically.
const shown = (value: number | undefined) => (value === undefined ? undefined : formatNumber(value));

function kpiBlocks(teams: readonly TeamChoice[], kpi?: KpiView): View['blocks'] {
  const currentTeam = teams.find((team) => team.name === kpi?.teamName);
  return [
    textInput('title', { label: 'Title', placeholder: 'Churn rate', initial: kpi?.title }),
    userSelect('owner', { label: 'Owner', initial: kpi?.ownerSlackId ?? undefined }),
    // Slack refuses a select without options, so the team field only appears once teams exist.
    ...(teams.length > 0
      ? [
          staticSelect('team', {
            label: 'Team',
            optional: true,
            choices: teams.map((team) => ({ value: String(team.id), label: team.name })),
            initial: currentTeam ? String(currentTeam.id) : undefined,
          }),
        ]
      : []),
    staticSelect('direction', {
      label: 'Which way is good?',
      choices: DIRECTIONS,
      initial: kpi?.direction ?? 'higher_is_better',
    }),
    textInput('unit', {
      label: 'Unit',
      optional: true,
      placeholder: '%, $ or customers',
      initial: kpi?.unit,
      maxLength: 20,
    }),
    textInput('target', { label: 'Target', placeholder: '2%', initial: shown(kpi?.target), maxLength: 40 }),
    textInput('green', {
      label: 'Green threshold',
      hint: 'Readings at or better than this are green.',
      initial: shown(kpi?.green),
      maxLength: 40,
    }),
    textInput('amber', {
      label: 'Amber threshold',
      hint: 'Readings at or better than this (but worse than green) are amber; worse ones are red.',
      initial: shown(kpi?.amber),
      maxLength: 40,
    }),
    staticSelect('cadence', {
      label: 'Reading cadence',
      choices: CADENCES,
      initial: kpi?.cadence ?? 'weekly',
    }),
  ];
}

export function kpiAddModal(teams: readonly TeamChoice[]): View {
  return modal({ callbackId: CALLBACK.kpiAdd, title: 'New KPI', submit: 'Create', blocks: kpiBlocks(teams) });
}

export function kpiEditModal(kpi: KpiView, teams: readonly TeamChoice[]): View {
  return modal({
    callbackId: CALLBACK.kpiEdit,
    title: `Edit ${kpi.ref}`,
    blocks: kpiBlocks(teams, kpi),
    privateMetadata: kpi.ref,
  });
}

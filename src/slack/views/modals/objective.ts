// The objective form, for adding (empty, current cycle chosen) and editing (prefilled, id in private_metadata).
import type { View } from '@slack/types';
import { OBJECTIVE_LEVELS } from '../../../domain/vocabulary.ts';
import type { ObjectiveView } from '../../../services/objectives.ts';
import { CALLBACK } from '../../ids.ts';
import { MAX_STATIC_SELECT_OPTIONS } from '../../limits.ts';
import { type Choice, modal, staticSelect, textInput, userSelect } from '../inputs.ts';

export interface ObjectiveChoices {
  /** Values are team ids. */
  teams: Choice[];
  /** Values are short ids (O-3), sorted by short id. */
  parents: Choice[];
  /** Values are cycle ids. */
  cycles: Choice[];
}

const LEVEL_CHOICES: Choice[] = OBJECTIVE_LEVELS.map((level) => ({
  value: level,
  label: level[0]!.toUpperCase() + level.slice(1),
}));

const PARENT_HINT =
  'Up to 100 objectives of the cycle are listed; /okr objective align O-5 O-1 reaches any of them.';

export function objectiveAddModal(choices: ObjectiveChoices, currentCycleId: string | undefined): View {
  return modal({
    callbackId: CALLBACK.objectiveAdd,
    title: 'New objective',
    submit: 'Create',
    blocks: [
      ...fields(choices, {}),
      staticSelect('cycle', {
        label: 'Cycle',
        choices: choices.cycles,
        ...(currentCycleId ? { initial: currentCycleId } : {}),
      }),
    ],
  });
}

export function objectiveEditModal(
  objective: ObjectiveView,
  choices: ObjectiveChoices,
  current: { teamId?: string },
): View {
  return modal({
    callbackId: CALLBACK.objectiveEdit,
    title: `Edit ${objective.shortId}`,
    submit: 'Save',
    privateMetadata: objective.shortId,
    blocks: fields(
      {
        ...choices,
        // The current parent is always offered, even past the first 100, so saving never drops it silently.
        parents: choices.parents.filter((c) => c.value !== objective.shortId),
      },
      {
        title: objective.title,
        description: objective.description,
        level: objective.level,
        ...(current.teamId ? { team: current.teamId } : {}),
        ...(objective.ownerSlackId ? { owner: objective.ownerSlackId } : {}),
        ...(objective.parent ? { parent: objective.parent } : {}),
      },
    ),
  });
}

type Initial = Partial<Record<'title' | 'description' | 'level' | 'team' | 'owner' | 'parent', string>>;

function fields(choices: ObjectiveChoices, initial: Initial): View['blocks'] {
  return [
    textInput('title', {
      label: 'Title',
      placeholder: 'Win the mid-market',
      maxLength: 200,
      ...pick(initial.title),
    }),
    textInput('description', {
      label: 'Description',
      optional: true,
      multiline: true,
      maxLength: 2000,
      ...pick(initial.description),
    }),
    staticSelect('level', { label: 'Level', choices: LEVEL_CHOICES, initial: initial.level ?? 'company' }),
    // Slack rejects a select without options, so an empty list leaves the field out.
    ...(choices.teams.length > 0
      ? [
          staticSelect('team', {
            label: 'Team',
            optional: true,
            hint: 'Required for team objectives.',
            choices: choices.teams,
            ...pick(initial.team),
          }),
        ]
      : []),
    userSelect('owner', {
      label: 'Owner',
      optional: true,
      hint: 'Required for personal objectives.',
      ...pick(initial.owner),
    }),
    ...(choices.parents.length > 0
      ? [
          staticSelect('parent', {
            label: 'Aligned under',
            optional: true,
            hint: PARENT_HINT,
            choices: keepInitial(choices.parents, initial.parent),
            ...pick(initial.parent),
          }),
        ]
      : []),
  ];
}

const pick = (value: string | undefined) => (value ? { initial: value } : {});

/** The first options Slack can show, with the chosen one kept in even when it lies beyond them. */
function keepInitial(choices: Choice[], initial: string | undefined): Choice[] {
  const shown = choices.slice(0, MAX_STATIC_SELECT_OPTIONS);
  const chosen = choices.find((c) => c.value === initial);
  if (!chosen || shown.includes(chosen)) return shown;
  return [...shown.slice(0, MAX_STATIC_SELECT_OPTIONS - 1), chosen];
}

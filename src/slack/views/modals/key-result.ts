// The key result forms: add (pick the objective) and edit (prefilled, the key result's id in private_metadata).
// Block ids are the service's field names, so validation errors land on the field that caused them.
import type { View } from '@slack/types';
import { plainDecimal } from '../../../domain/numbers/index.ts';
import type { KeyResultView, ObjectiveChoice } from '../../../services/key-results.ts';
import { CALLBACK } from '../../ids.ts';
import { type Choice, modal, staticSelect, textInput, userSelect } from '../inputs.ts';

const KIND_CHOICES: Choice[] = [
  { value: 'increase', label: 'Increase to a target (e.g. 8% → 15%)' },
  { value: 'decrease', label: 'Decrease to a target (e.g. churn 5% → 3%)' },
  { value: 'stay_above', label: 'Stay above a threshold' },
  { value: 'stay_below', label: 'Stay below a threshold' },
  { value: 'boolean', label: 'Done or not done' },
  { value: 'milestone', label: 'Milestones (weighted steps)' },
];

const CURVE_CHOICES: Choice[] = [
  { value: 'linear', label: 'Linear: steady progress' },
  { value: 'back_loaded', label: 'Back-loaded: most progress late' },
  { value: 'front_loaded', label: 'Front-loaded: most progress early' },
];

const NUMBER_HINT = 'A number such as 15, 1,250, 3.5k or 15%.';

/** Everything but the objective: shared by both forms. Numbers are prefilled only for numeric kinds. */
function detailBlocks(kr: KeyResultView | undefined): View['blocks'] {
  const numeric = kr !== undefined && !['boolean', 'milestone'].includes(kr.kind);
  return [
    textInput('title', {
      label: 'Key result',
      placeholder: 'Reach 15% market share',
      maxLength: 200,
      initial: kr?.title,
    }),
    staticSelect('kind', { label: 'Kind', choices: KIND_CHOICES, initial: kr?.kind ?? 'increase' }),
    textInput('start', {
      label: 'Start',
      optional: true,
      hint: `${NUMBER_HINT} Leave empty for done/not done and milestones; optional for thresholds.`,
      ...(numeric ? { initial: plainDecimal(kr.start) } : {}),
    }),
    textInput('target', {
      label: 'Target (or threshold)',
      optional: true,
      hint: `${NUMBER_HINT} Leave empty for done/not done and milestones.`,
      ...(numeric ? { initial: plainDecimal(kr.target) } : {}),
    }),
    textInput('unit', {
      label: 'Unit',
      optional: true,
      placeholder: '%, $, customers',
      maxLength: 20,
      initial: kr?.unit,
    }),
    userSelect('owner', { label: 'Owner', optional: true, initial: kr?.ownerSlackId ?? undefined }),
    textInput('weight', {
      label: 'Weight',
      optional: true,
      placeholder: '1',
      hint: 'How much it counts in its objective, relative to the other key results.',
      initial: kr ? plainDecimal(kr.weight) : undefined,
    }),
    staticSelect('curve', {
      label: 'Expected progress',
      optional: true,
      // The choice is offered here, where the PMO adds the key result; left empty, Okra assumes linear.
      hint: 'Left empty, Okra assumes steady progress. Launches, go-lives and signed contracts land late: pick back-loaded.',
      choices: CURVE_CHOICES,
      initial: kr?.curve,
    }),
    textInput('milestones', {
      label: 'Milestones',
      optional: true,
      multiline: true,
      placeholder: 'Design\nBuild : 2\nLaunch',
      hint: 'Only for the milestones kind: one per line, optionally with ": weight".',
      initial: kr?.milestones
        .map((m) => (m.weight === 1 ? m.title : `${m.title} : ${plainDecimal(m.weight)}`))
        .join('\n'),
    }),
  ];
}

export function keyResultAddModal(objectives: readonly ObjectiveChoice[], initialObjective?: string): View {
  return modal({
    callbackId: CALLBACK.keyResultAdd,
    title: 'New key result',
    submit: 'Create',
    blocks: [
      staticSelect('objective', {
        label: 'Objective',
        choices: objectives.map((o) => ({ value: o.ref, label: `${o.ref} · ${o.title}` })),
        initial: initialObjective,
      }),
      ...detailBlocks(undefined),
    ],
  });
}

export function keyResultEditModal(kr: KeyResultView): View {
  return modal({
    callbackId: CALLBACK.keyResultEdit,
    title: `Edit ${kr.ref}`,
    blocks: detailBlocks(kr),
    privateMetadata: kr.ref,
  });
}

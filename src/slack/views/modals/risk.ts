// The forms behind `/okr risk add` and `/okr risk edit R-n`. Block ids are the risk service's field names.
import type { View } from '@slack/types';
import type { RiskView } from '../../../services/risks.ts';
import { CALLBACK } from '../../ids.ts';
import { type Choice, modal, staticSelect, textInput, userSelect } from '../inputs.ts';

const LIKELIHOOD: Choice[] = [
  { value: '1', label: '1 – Rare' },
  { value: '2', label: '2 – Unlikely' },
  { value: '3', label: '3 – Possible' },
  { value: '4', label: '4 – Likely' },
  { value: '5', label: '5 – Almost certain' },
];

const IMPACT: Choice[] = [
  { value: '1', label: '1 – Negligible' },
  { value: '2', label: '2 – Minor' },
  { value: '3', label: '3 – Moderate' },
  { value: '4', label: '4 – Major' },
  { value: '5', label: '5 – Severe' },
];

const STATUSES: Choice[] = [
  { value: 'open', label: 'Open' },
  { value: 'mitigating', label: 'Mitigating' },
  { value: 'closed', label: 'Closed' },
];

function riskBlocks(ownerSlackId: string | undefined, risk?: RiskView): View['blocks'] {
  return [
    textInput('title', { label: 'Title', placeholder: 'Vendor delay', initial: risk?.title }),
    textInput('on', {
      label: 'Threatens',
      optional: true,
      hint: 'The objective, key result or KPI at risk, e.g. KR-3, O-2 or KPI-1.',
      initial: risk?.linked?.ref,
      maxLength: 20,
    }),
    userSelect('owner', { label: 'Owner', initial: risk?.ownerSlackId ?? ownerSlackId }),
    staticSelect('likelihood', {
      label: 'Likelihood',
      choices: LIKELIHOOD,
      initial: risk ? String(risk.likelihood) : undefined,
    }),
    staticSelect('impact', {
      label: 'Impact',
      choices: IMPACT,
      initial: risk ? String(risk.impact) : undefined,
    }),
    textInput('description', {
      label: 'Description',
      optional: true,
      multiline: true,
      initial: risk?.description,
    }),
    textInput('mitigation', {
      label: 'Mitigation',
      optional: true,
      multiline: true,
      hint: 'What is being done to make it less likely or less damaging.',
      initial: risk?.mitigation,
    }),
    ...(risk ? [staticSelect('status', { label: 'Status', choices: STATUSES, initial: risk.status })] : []),
  ];
}

/** The person opening the form is the default owner: most risks are raised by whoever will watch them. */
export function riskAddModal(ownerSlackId: string): View {
  return modal({
    callbackId: CALLBACK.riskAdd,
    title: 'Raise a risk',
    submit: 'Raise',
    blocks: riskBlocks(ownerSlackId),
  });
}

export function riskEditModal(risk: RiskView): View {
  return modal({
    callbackId: CALLBACK.riskEdit,
    title: `Edit ${risk.ref}`,
    blocks: riskBlocks(undefined, risk),
    privateMetadata: risk.ref,
  });
}

import type { View } from '@slack/types';
import { CALLBACK } from '../../ids.ts';
import { checkbox, dateInput, modal, textInput } from '../inputs.ts';

export function cycleAddModal(): View {
  return modal({
    callbackId: CALLBACK.cycleAdd,
    title: 'New cycle',
    submit: 'Create',
    blocks: [
      textInput('name', { label: 'Name', placeholder: '2026 Q1', maxLength: 80 }),
      dateInput('start', { label: 'Starts on' }),
      dateInput('end', { label: 'Ends on', hint: 'The cycle includes its last day.' }),
      checkbox('current', {
        label: 'Current cycle',
        choice: { value: 'yes', label: 'Make this the current cycle' },
      }),
    ],
  });
}

import type { View } from '@slack/types';
import { DAY_NAMES, dayName } from '../../../domain/digest/index.ts';
import { CALLBACK } from '../../ids.ts';
import { channelSelect, modal, staticSelect, textInput } from '../inputs.ts';

/** The form behind `/okr digest add` typed without a channel. Field names are the service's input names. */
export function digestAddModal(): View {
  return modal({
    callbackId: CALLBACK.digestAdd,
    title: 'New digest',
    submit: 'Add',
    blocks: [
      channelSelect('channel', {
        label: 'Channel',
        hint: 'Okra must be in it to upload the chart: /invite @Okra.',
      }),
      textInput('scope', {
        label: 'Scope',
        placeholder: 'everything, team Growth or objective O-3',
        optional: true,
        maxLength: 120,
        hint: 'Empty means everything.',
      }),
      staticSelect('cadence', {
        label: 'Cadence',
        choices: [
          { value: 'weekly', label: 'Every week' },
          { value: 'biweekly', label: 'Every other week' },
        ],
        initial: 'weekly',
      }),
      staticSelect('day', {
        label: 'Day',
        choices: DAY_NAMES.map((_, i) => ({ value: String(i + 1), label: dayName(i + 1) })),
        initial: '5',
      }),
      textInput('time', {
        label: 'Time',
        placeholder: '16:00',
        optional: true,
        maxLength: 8,
        hint: 'Empty means 16:00.',
      }),
      textInput('tz', {
        label: 'Time zone',
        placeholder: 'Europe/Paris',
        optional: true,
        maxLength: 60,
        hint: 'Empty means the workspace’s time zone.',
      }),
    ],
  });
}

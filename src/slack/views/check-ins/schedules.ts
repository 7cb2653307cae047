// Check-in schedules as people read them, and the schedule form.
import type { View } from '@slack/types';
import type { ScheduleView } from '../../../services/schedules.ts';
import { WEEKDAYS } from '../../../services/schedules.ts';
import { CHECKIN_CALLBACK } from '../../check-in-ids.ts';
import { MAX_BLOCKS_PER_MESSAGE } from '../../limits.ts';
import { EMPTY, type Mrkdwn, md } from '../../mrkdwn.ts';
import { truncate } from '../../text.ts';
import { modal, staticSelect, textInput } from '../inputs.ts';
import type { SlackMessage } from '../message.ts';

const dayName = (day: number) => {
  const name = WEEKDAYS[day - 1] ?? 'monday';
  return name[0]!.toUpperCase() + name.slice(1);
};

export function scheduleLine(schedule: ScheduleView): Mrkdwn {
  const when = `${schedule.cadence === 'biweekly' ? 'Every two weeks' : 'Every week'} on ${dayName(schedule.dayOfWeek)} at ${schedule.localTime}, each person's local time`;
  const scope =
    schedule.scope.kind === 'everyone'
      ? 'everyone'
      : md`${schedule.scope.kind === 'teams' ? 'teams' : 'objectives'} ${truncate(schedule.scopeNames.join(', '), 300)}`;
  const reminders =
    schedule.reminders.first === 0
      ? 'no reminders'
      : `reminders after ${schedule.reminders.first} working day${schedule.reminders.first === 1 ? '' : 's'}${schedule.reminders.second ? ` and ${schedule.reminders.second} more` : ''}`;
  return md`*${schedule.ref}* ${when} · ${scope} · ${reminders}${schedule.active ? EMPTY : md` · _paused_`}`;
}

export function scheduleListMessage(schedules: readonly ScheduleView[]): SlackMessage {
  if (schedules.length === 0)
    return { text: 'No check-in schedule: nobody is prompted. PMO admins add one with `/okr schedule add`.' };
  const lines = schedules.map((schedule) => md`• ${scheduleLine(schedule)}`.text);
  const blocks = [
    { type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*Check-in schedules*' } },
    ...lines.map((line) => ({
      type: 'section' as const,
      text: { type: 'mrkdwn' as const, text: truncate(line, 3000) },
    })),
  ].slice(0, MAX_BLOCKS_PER_MESSAGE - 1);
  blocks.push({
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: 'PMO admins: `/okr schedule add`, `/okr schedule edit S-1 --time 10:00`, `/okr schedule pause S-1`, `/okr schedule remove S-1`.',
    },
  });
  return { text: `Check-in schedules: ${lines.join(' ')}`.slice(0, 3000), blocks };
}

export function scheduleModal(): View {
  const days = WEEKDAYS.map((_day, index) => ({ value: String(index + 1), label: dayName(index + 1) }));
  return modal({
    callbackId: CHECKIN_CALLBACK.schedule,
    title: 'Check-in schedule',
    submit: 'Add',
    blocks: [
      staticSelect('cadence', {
        label: 'How often',
        choices: [
          { value: 'weekly', label: 'Every week' },
          { value: 'biweekly', label: 'Every two weeks' },
        ],
        initial: 'weekly',
      }),
      staticSelect('day', { label: 'Weekday', choices: days, initial: '1' }),
      textInput('time', { label: "Time (each person's local time)", initial: '09:00', maxLength: 5 }),
      textInput('teams', {
        label: 'Only these teams',
        optional: true,
        placeholder: 'Growth, Platform',
        hint: 'Team names separated by commas. Leave both scopes empty for everyone.',
      }),
      textInput('objectives', { label: 'Only these objectives', optional: true, placeholder: 'O-1, O-4' }),
      textInput('firstReminder', {
        label: 'First reminder after (working days; 0 for none)',
        initial: '1',
        maxLength: 1,
      }),
      textInput('secondReminder', {
        label: 'Second reminder after the first (working days; 0 for none)',
        initial: '2',
        maxLength: 1,
      }),
    ],
  });
}

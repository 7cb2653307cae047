import { describe, expect, it } from 'vitest';
import { buildStateValues, field } from '../../devkit/slack-stand-in/driver.ts';

describe('buildStateValues', () => {
  it('types values with the field helpers', () => {
    expect(
      buildStateValues({
        b: {
          text: 'hello',
          num: field.number(42),
          sel: field.select('x', 'Ex'),
          user: field.user('U1'),
          users: field.users(['U1', 'U2']),
          conv: field.conversation('C1'),
          chan: field.channel('C2'),
          date: field.date('2025-03-31'),
          boxes: field.checkboxes(['a']),
          radio: field.radio('r'),
        },
      }),
    ).toEqual({
      b: {
        text: { type: 'plain_text_input', value: 'hello' },
        num: { type: 'number_input', value: '42' },
        sel: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Ex', emoji: true }, value: 'x' },
        },
        user: { type: 'users_select', selected_user: 'U1' },
        users: { type: 'multi_users_select', selected_users: ['U1', 'U2'] },
        conv: { type: 'conversations_select', selected_conversation: 'C1' },
        chan: { type: 'channels_select', selected_channel: 'C2' },
        date: { type: 'datepicker', selected_date: '2025-03-31' },
        boxes: {
          type: 'checkboxes',
          selected_options: [{ text: { type: 'plain_text', text: 'a', emoji: true }, value: 'a' }],
        },
        radio: {
          type: 'radio_buttons',
          selected_option: { text: { type: 'plain_text', text: 'r', emoji: true }, value: 'r' },
        },
      },
    });
  });

  it('reads element types and option objects from the view blocks', () => {
    const option = { text: { type: 'mrkdwn', text: '*Yes*' }, value: 'yes' };
    const blocks = [
      { type: 'input', block_id: 'c', element: { type: 'checkboxes', action_id: 'a', options: [option] } },
      { type: 'input', block_id: 'd', element: { type: 'datepicker', action_id: 'a' } },
      { type: 'input', block_id: 'm', element: { type: 'multi_users_select', action_id: 'a' } },
    ];
    expect(buildStateValues({ c: { a: ['yes'] }, d: { a: '2025-01-01' }, m: { a: ['U1'] } }, blocks)).toEqual(
      {
        c: { a: { type: 'checkboxes', selected_options: [option] } },
        d: { a: { type: 'datepicker', selected_date: '2025-01-01' } },
        m: { a: { type: 'multi_users_select', selected_users: ['U1'] } },
      },
    );
    expect(() => buildStateValues({ x: { y: ['a'] } })).toThrow(/multi-value/);
  });
});

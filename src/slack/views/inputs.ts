// Small builders for modal inputs. The block_id of each input is the field's name, which is also the key
// the services use for validation errors, so an error lands inline on the right field.
import type { InputBlock, Option, PlainTextOption, View } from '@slack/types';
import { PLAIN_MAX, plainText } from './plain-text.ts';

export const VALUE = 'value';

interface Common {
  label: string;
  hint?: string;
  optional?: boolean;
}

function input(field: string, common: Common, element: InputBlock['element']): InputBlock {
  return {
    type: 'input',
    block_id: field,
    label: plainText(common.label, PLAIN_MAX.label),
    ...(common.hint ? { hint: plainText(common.hint, PLAIN_MAX.hint) } : {}),
    optional: common.optional ?? false,
    element,
  };
}

export function textInput(
  field: string,
  common: Common & { initial?: string; placeholder?: string; multiline?: boolean; maxLength?: number },
): InputBlock {
  return input(field, common, {
    type: 'plain_text_input',
    action_id: VALUE,
    multiline: common.multiline ?? false,
    max_length: common.maxLength ?? (common.multiline ? 3000 : 150),
    ...(common.initial ? { initial_value: common.initial } : {}),
    ...(common.placeholder ? { placeholder: plainText(common.placeholder, PLAIN_MAX.placeholder) } : {}),
  });
}

export function dateInput(field: string, common: Common & { initial?: string }): InputBlock {
  return input(field, common, {
    type: 'datepicker',
    action_id: VALUE,
    ...(common.initial ? { initial_date: common.initial } : {}),
  });
}

export function userSelect(field: string, common: Common & { initial?: string }): InputBlock {
  return input(field, common, {
    type: 'users_select',
    action_id: VALUE,
    ...(common.initial ? { initial_user: common.initial } : {}),
  });
}

export function multiUserSelect(field: string, common: Common & { initial?: string[] }): InputBlock {
  return input(field, common, {
    type: 'multi_users_select',
    action_id: VALUE,
    ...(common.initial?.length ? { initial_users: common.initial } : {}),
  });
}

export function channelSelect(field: string, common: Common & { initial?: string }): InputBlock {
  return input(field, common, {
    type: 'conversations_select',
    action_id: VALUE,
    filter: { include: ['public', 'private'], exclude_bot_users: true },
    ...(common.initial ? { initial_conversation: common.initial } : {}),
  });
}

export interface Choice {
  value: string;
  label: string;
}

export function option(choice: Choice): PlainTextOption {
  return { text: plainText(choice.label, PLAIN_MAX.option), value: choice.value.slice(0, 75) };
}

/** A static select; Slack allows 100 options, so longer lists keep the first 100 (callers sort them). */
export function staticSelect(
  field: string,
  common: Common & { choices: Choice[]; initial?: string },
): InputBlock {
  const options = common.choices.slice(0, 100).map(option);
  const initial = options.find((o) => o.value === common.initial);
  return input(field, common, {
    type: 'static_select',
    action_id: VALUE,
    options,
    ...(initial ? { initial_option: initial } : {}),
  });
}

export function checkbox(field: string, common: Common & { choice: Choice; checked?: boolean }): InputBlock {
  const only = option(common.choice) as Option;
  return input(
    field,
    { ...common, optional: true },
    {
      type: 'checkboxes',
      action_id: VALUE,
      options: [only],
      ...(common.checked ? { initial_options: [only] } : {}),
    },
  );
}

export function modal(params: {
  callbackId: string;
  title: string;
  submit?: string;
  blocks: View['blocks'];
  privateMetadata?: string;
}): View {
  return {
    type: 'modal',
    callback_id: params.callbackId,
    title: plainText(params.title, PLAIN_MAX.modalTitle),
    submit: plainText(params.submit ?? 'Save', PLAIN_MAX.modalButton),
    close: plainText('Cancel', PLAIN_MAX.modalButton),
    blocks: params.blocks.slice(0, 100),
    ...(params.privateMetadata ? { private_metadata: params.privateMetadata.slice(0, 3000) } : {}),
  };
}

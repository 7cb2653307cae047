/**
 * Builds `view.state.values` for view_submission and block_actions payloads from a simple map
 * `{ [blockId]: { [actionId]: value } }`. A value is either typed with the `field` helpers, or a
 * plain string/number/array whose element type is looked up in the view the state belongs to
 * (which also gives selects their real option objects, text included).
 */
type Dict = Record<string, unknown>;

const isDict = (value: unknown): value is Dict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export type TypedFieldValue =
  | {
      type: 'plain_text_input' | 'email_text_input' | 'url_text_input' | 'number_input';
      value: string | null;
    }
  | { type: 'static_select' | 'external_select' | 'radio_buttons'; value: string | null; text?: string }
  | { type: 'multi_static_select' | 'multi_external_select' | 'checkboxes'; values: string[] }
  | { type: 'users_select'; user: string | null }
  | { type: 'multi_users_select'; users: string[] }
  | { type: 'conversations_select'; conversation: string | null }
  | { type: 'multi_conversations_select'; conversations: string[] }
  | { type: 'channels_select'; channel: string | null }
  | { type: 'multi_channels_select'; channels: string[] }
  | { type: 'datepicker'; date: string | null }
  | { type: 'timepicker'; time: string | null }
  | { type: 'datetimepicker'; dateTime: number | null };

export type FieldValue = TypedFieldValue | string | number | string[] | null;

export type StateMap = Record<string, Record<string, FieldValue>>;

/** Typed constructors, for values whose element type cannot be read from a view. */
export const field = {
  text: (value: string | null) => ({ type: 'plain_text_input', value }) as const,
  number: (value: number | string | null) =>
    ({ type: 'number_input', value: value === null ? null : String(value) }) as const,
  select: (value: string | null, text?: string) =>
    text === undefined
      ? ({ type: 'static_select', value } as const)
      : ({ type: 'static_select', value, text } as const),
  multiSelect: (values: string[]) => ({ type: 'multi_static_select', values }) as const,
  radio: (value: string | null, text?: string) =>
    text === undefined
      ? ({ type: 'radio_buttons', value } as const)
      : ({ type: 'radio_buttons', value, text } as const),
  checkboxes: (values: string[]) => ({ type: 'checkboxes', values }) as const,
  user: (user: string | null) => ({ type: 'users_select', user }) as const,
  users: (users: string[]) => ({ type: 'multi_users_select', users }) as const,
  conversation: (conversation: string | null) => ({ type: 'conversations_select', conversation }) as const,
  channel: (channel: string | null) => ({ type: 'channels_select', channel }) as const,
  date: (date: string | null) => ({ type: 'datepicker', date }) as const,
  time: (time: string | null) => ({ type: 'timepicker', time }) as const,
} satisfies Record<string, (...args: never[]) => TypedFieldValue>;

/** The element with `actionId` inside the block `blockId` of a view or message, if any. */
export function findElement(blocks: unknown, blockId: string, actionId: string): Dict | undefined {
  if (!Array.isArray(blocks)) return undefined;
  const block = blocks.find((b) => isDict(b) && b['block_id'] === blockId);
  if (!isDict(block)) return undefined;
  const candidates = [
    block['element'],
    block['accessory'],
    ...(Array.isArray(block['elements']) ? block['elements'] : []),
  ];
  return candidates.find((el): el is Dict => isDict(el) && el['action_id'] === actionId);
}

function declaredOptions(element: Dict | undefined): Dict[] {
  if (!element) return [];
  const direct = Array.isArray(element['options']) ? element['options'] : [];
  const grouped = Array.isArray(element['option_groups'])
    ? element['option_groups'].flatMap((g) => (isDict(g) && Array.isArray(g['options']) ? g['options'] : []))
    : [];
  return [...direct, ...grouped].filter(isDict);
}

/** The option object Slack would send back: the declared one when the view has it. */
function optionFor(value: string, element: Dict | undefined, text?: string): Dict {
  const declared = declaredOptions(element).find((option) => option['value'] === value);
  if (declared) return declared;
  return { text: { type: 'plain_text', text: text ?? value, emoji: true }, value };
}

function typed(raw: FieldValue, element: Dict | undefined, where: string): TypedFieldValue {
  if (isDict(raw)) return raw;
  const type = typeof element?.['type'] === 'string' ? (element['type'] as string) : undefined;
  if (raw === null) return { type: 'plain_text_input', value: null };
  if (Array.isArray(raw)) {
    switch (type) {
      case 'checkboxes':
      case 'multi_static_select':
      case 'multi_external_select':
        return { type, values: raw };
      case 'multi_users_select':
        return { type, users: raw };
      case 'multi_conversations_select':
        return { type, conversations: raw };
      case 'multi_channels_select':
        return { type, channels: raw };
      default:
        throw new Error(
          `${where}: cannot tell which multi-value element this is; use field.checkboxes/users/multiSelect`,
        );
    }
  }
  const text = String(raw);
  switch (type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type, value: text };
    case 'users_select':
      return { type, user: text };
    case 'conversations_select':
      return { type, conversation: text };
    case 'channels_select':
      return { type, channel: text };
    case 'datepicker':
      return { type, date: text };
    case 'timepicker':
      return { type, time: text };
    case 'datetimepicker':
      return { type, dateTime: Number(raw) };
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return { type, value: text };
    default:
      return typeof raw === 'number'
        ? { type: 'number_input', value: text }
        : { type: 'plain_text_input', value: text };
  }
}

/** One entry of state.values, in the shape Slack sends for that element type. */
function stateEntry(value: TypedFieldValue, element: Dict | undefined): Dict {
  switch (value.type) {
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return {
        type: value.type,
        selected_option: value.value === null ? null : optionFor(value.value, element, value.text),
      };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type: value.type, selected_options: value.values.map((v) => optionFor(v, element)) };
    case 'users_select':
      return { type: value.type, selected_user: value.user };
    case 'multi_users_select':
      return { type: value.type, selected_users: value.users };
    case 'conversations_select':
      return { type: value.type, selected_conversation: value.conversation };
    case 'multi_conversations_select':
      return { type: value.type, selected_conversations: value.conversations };
    case 'channels_select':
      return { type: value.type, selected_channel: value.channel };
    case 'multi_channels_select':
      return { type: value.type, selected_channels: value.channels };
    case 'datepicker':
      return { type: value.type, selected_date: value.date };
    case 'timepicker':
      return { type: value.type, selected_time: value.time };
    case 'datetimepicker':
      return { type: value.type, selected_date_time: value.dateTime };
    default:
      return { type: value.type, value: value.value };
  }
}

/**
 * `{ [blockId]: { [actionId]: value } }` → Slack's `state.values`. Pass the view's (or message's)
 * blocks so untyped values get the right element type and option objects.
 */
export function buildStateValues(map: StateMap, blocks?: unknown): Record<string, Record<string, Dict>> {
  const values: Record<string, Record<string, Dict>> = {};
  for (const [blockId, actions] of Object.entries(map)) {
    const entries: Record<string, Dict> = {};
    for (const [actionId, raw] of Object.entries(actions)) {
      const element = findElement(blocks, blockId, actionId);
      entries[actionId] = stateEntry(typed(raw, element, `${blockId}/${actionId}`), element);
    }
    values[blockId] = entries;
  }
  return values;
}

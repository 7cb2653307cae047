/**
 * Block Kit limits the double enforces, from /work/shared/notes/slack-platform.md.
 * Kept in one place so a limit Slack changes is one edit, and tests can import the numbers.
 */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  /** Slack documents "250kb"; the smaller reading (250,000 bytes) is used so nothing borderline passes here. */
  viewBytes: 250_000,
  messageText: 40_000,
  /** Around this much text across all blocks of one message Slack answers `msg_blocks_too_long`. */
  messageBlocksText: 12_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  overflowOptionsMin: 1,
  overflowOptionsMax: 5,
  checkboxOptions: 10,
  radioOptions: 10,
  inputMaxLength: 3000,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  blockId: 255,
  actionId: 255,
  imageAltText: 2000,
  imageTitle: 2000,
  markdownBlockText: 12_000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  /** Slack allows a root modal plus two pushed views. */
  viewStackDepth: 3,
} as const;

export type Surface = 'message' | 'modal' | 'home';

const COMMON_BLOCKS = [
  'section',
  'divider',
  'header',
  'context',
  'actions',
  'input',
  'image',
  'rich_text',
  'video',
];

/** Block types each surface accepts; anything else is rejected like Slack does. */
export const BLOCK_TYPES_BY_SURFACE: Record<Surface, ReadonlySet<string>> = {
  message: new Set([...COMMON_BLOCKS, 'file', 'markdown']),
  modal: new Set(COMMON_BLOCKS),
  home: new Set(COMMON_BLOCKS),
};

const SELECTS = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
];

/** Which interactive elements may sit in which slot. */
export const ELEMENT_TYPES_BY_SLOT = {
  accessory: new Set([
    'button',
    'checkboxes',
    'datepicker',
    'image',
    'overflow',
    'radio_buttons',
    'timepicker',
    'workflow_button',
    ...SELECTS,
  ]),
  actions: new Set([
    'button',
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'overflow',
    'radio_buttons',
    'timepicker',
    'workflow_button',
    'rich_text_input',
    ...SELECTS,
  ]),
  input: new Set([
    'plain_text_input',
    'number_input',
    'email_text_input',
    'url_text_input',
    'checkboxes',
    'radio_buttons',
    'datepicker',
    'timepicker',
    'datetimepicker',
    'file_input',
    'rich_text_input',
    ...SELECTS,
  ]),
} as const;

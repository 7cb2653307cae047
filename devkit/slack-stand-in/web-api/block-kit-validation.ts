/**
 * Block Kit validation with Slack's limits and Slack-style error details
 * (`[ERROR] <what> [json-pointer:/blocks/0/text/text]`), so an app that would be rejected in
 * production is rejected in tests too. It checks the limits Okra can realistically hit, not
 * Slack's whole schema.
 */
import { BLOCK_TYPES_BY_SURFACE, ELEMENT_TYPES_BY_SLOT, LIMITS, type Surface } from './block-kit-limits.ts';
import { type Dict, isDict } from './dict.ts';

export interface BlockIssue {
  pointer: string;
  message: string;
}

export interface BlocksReport {
  issues: BlockIssue[];
  /** Characters of text across every text object, for the message-wide `msg_blocks_too_long` check. */
  totalTextLength: number;
}

export function formatIssue(issue: BlockIssue): string {
  return `[ERROR] ${issue.message} [json-pointer:${issue.pointer}]`;
}

type ElementSlot = keyof typeof ELEMENT_TYPES_BY_SLOT;

interface TextRule {
  max: number;
  min?: number;
  plainOnly?: boolean;
  required?: boolean;
}

/** Walks one blocks array; a fresh instance per message or view keeps block_id uniqueness local. */
class BlocksWalker {
  readonly issues: BlockIssue[] = [];
  totalTextLength = 0;
  private readonly blockIds = new Set<string>();

  constructor(private readonly surface: Surface) {}

  private fail(pointer: string, message: string): void {
    this.issues.push({ pointer, message });
  }

  walk(blocks: unknown, pointer: string): void {
    if (!Array.isArray(blocks)) {
      this.fail(pointer, 'must be an array');
      return;
    }
    const max = this.surface === 'message' ? LIMITS.messageBlocks : LIMITS.viewBlocks;
    if (blocks.length > max) this.fail(pointer, `no more than ${max} items allowed`);
    blocks.forEach((block, index) => {
      this.block(block, `${pointer}/${index}`);
    });
  }

  private block(block: unknown, at: string): void {
    if (!isDict(block)) {
      this.fail(at, 'must be an object');
      return;
    }
    const type = block['type'];
    if (typeof type !== 'string') {
      this.fail(at, 'missing required field: type');
      return;
    }
    if (!BLOCK_TYPES_BY_SURFACE[this.surface].has(type)) {
      this.fail(`${at}/type`, `unsupported block type: ${type} for ${this.surface} surface`);
      return;
    }
    this.blockId(block, at);
    const actionIds = new Set<string>();
    switch (type) {
      case 'section':
        this.section(block, at, actionIds);
        return;
      case 'header':
        this.text(block['text'], `${at}/text`, { max: LIMITS.headerText, plainOnly: true, required: true });
        return;
      case 'context':
        this.context(block, at);
        return;
      case 'actions':
        if (this.array(block['elements'], `${at}/elements`, 1, LIMITS.actionsElements, true)) {
          (block['elements'] as unknown[]).forEach((element, i) => {
            this.element(element, `${at}/elements/${i}`, 'actions', actionIds);
          });
        }
        return;
      case 'input':
        this.input(block, at, actionIds);
        return;
      case 'image':
        this.imageBlock(block, at);
        return;
      case 'rich_text':
        this.array(block['elements'], `${at}/elements`, 1, Number.POSITIVE_INFINITY, true);
        return;
      case 'markdown':
        this.rawString(block['text'], `${at}/text`, LIMITS.markdownBlockText, 1, true);
        if (typeof block['text'] === 'string') this.totalTextLength += block['text'].length;
        return;
      default:
        // divider, video and file carry no text limits that matter for Okra.
        return;
    }
  }

  private blockId(block: Dict, at: string): void {
    const id = block['block_id'];
    if (id === undefined) return;
    if (!this.rawString(id, `${at}/block_id`, LIMITS.blockId, 1, false)) return;
    if (this.blockIds.has(id as string)) this.fail(`${at}/block_id`, `duplicate block_id: ${String(id)}`);
    this.blockIds.add(id as string);
  }

  private section(block: Dict, at: string, actionIds: Set<string>): void {
    const hasText = block['text'] !== undefined;
    const hasFields = block['fields'] !== undefined;
    if (!hasText && !hasFields) this.fail(at, 'must provide at least one of [text, fields]');
    if (hasText) this.text(block['text'], `${at}/text`, { max: LIMITS.sectionText, required: true });
    if (hasFields && this.array(block['fields'], `${at}/fields`, 1, LIMITS.sectionFields, false)) {
      (block['fields'] as unknown[]).forEach((field, i) => {
        this.text(field, `${at}/fields/${i}`, { max: LIMITS.sectionFieldText, required: true });
      });
    }
    if (block['accessory'] !== undefined)
      this.element(block['accessory'], `${at}/accessory`, 'accessory', actionIds);
  }

  private context(block: Dict, at: string): void {
    if (!this.array(block['elements'], `${at}/elements`, 1, LIMITS.contextElements, true)) return;
    (block['elements'] as unknown[]).forEach((element, i) => {
      const where = `${at}/elements/${i}`;
      if (isDict(element) && element['type'] === 'image') this.imageElement(element, where);
      else this.text(element, where, { max: LIMITS.sectionText, required: true });
    });
  }

  private input(block: Dict, at: string, actionIds: Set<string>): void {
    this.text(block['label'], `${at}/label`, { max: LIMITS.inputLabel, plainOnly: true, required: true });
    if (block['hint'] !== undefined) {
      this.text(block['hint'], `${at}/hint`, { max: LIMITS.inputHint, plainOnly: true, required: true });
    }
    if (block['element'] === undefined) {
      this.fail(at, 'missing required field: element');
      return;
    }
    this.element(block['element'], `${at}/element`, 'input', actionIds);
  }

  private imageBlock(block: Dict, at: string): void {
    this.imageElement(block, at);
    if (block['title'] !== undefined) {
      this.text(block['title'], `${at}/title`, { max: LIMITS.imageTitle, plainOnly: true, required: true });
    }
  }

  private imageElement(image: Dict, at: string): void {
    if (image['image_url'] === undefined && image['slack_file'] === undefined) {
      this.fail(at, 'must provide at least one of [image_url, slack_file]');
    }
    if (image['image_url'] !== undefined)
      this.rawString(image['image_url'], `${at}/image_url`, LIMITS.url, 1, true);
    this.rawString(image['alt_text'], `${at}/alt_text`, LIMITS.imageAltText, 1, true);
  }

  private element(element: unknown, at: string, slot: ElementSlot, actionIds: Set<string>): void {
    if (!isDict(element)) {
      this.fail(at, 'must be an object');
      return;
    }
    const type = element['type'];
    if (typeof type !== 'string') {
      this.fail(at, 'missing required field: type');
      return;
    }
    if (!(ELEMENT_TYPES_BY_SLOT[slot] as ReadonlySet<string>).has(type)) {
      this.fail(`${at}/type`, `unsupported element type: ${type} in ${slot}`);
      return;
    }
    const actionId = element['action_id'];
    if (actionId !== undefined && this.rawString(actionId, `${at}/action_id`, LIMITS.actionId, 1, false)) {
      if (actionIds.has(actionId as string))
        this.fail(`${at}/action_id`, `duplicate action_id: ${String(actionId)}`);
      actionIds.add(actionId as string);
    }
    if (element['placeholder'] !== undefined) {
      this.text(element['placeholder'], `${at}/placeholder`, {
        max: LIMITS.placeholder,
        plainOnly: true,
        required: true,
      });
    }
    switch (type) {
      case 'button':
        this.button(element, at);
        return;
      case 'static_select':
      case 'multi_static_select':
        this.staticSelect(element, at);
        return;
      case 'overflow':
        this.options(element, at, LIMITS.overflowOptionsMin, LIMITS.overflowOptionsMax, true);
        return;
      case 'checkboxes':
        this.options(element, at, 1, LIMITS.checkboxOptions, false);
        return;
      case 'radio_buttons':
        this.options(element, at, 1, LIMITS.radioOptions, false);
        return;
      case 'plain_text_input':
        this.plainTextInput(element, at);
        return;
      case 'datepicker':
        this.pattern(element['initial_date'], `${at}/initial_date`, /^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
        return;
      case 'timepicker':
        this.pattern(element['initial_time'], `${at}/initial_time`, /^\d{2}:\d{2}$/, 'HH:mm');
        return;
      case 'number_input':
        if (typeof element['is_decimal_allowed'] !== 'boolean') {
          this.fail(at, 'missing required field: is_decimal_allowed');
        }
        return;
      case 'image':
        this.imageElement(element, at);
        return;
      default:
        return;
    }
  }

  private button(button: Dict, at: string): void {
    this.text(button['text'], `${at}/text`, { max: LIMITS.buttonText, plainOnly: true, required: true });
    if (button['value'] !== undefined)
      this.rawString(button['value'], `${at}/value`, LIMITS.buttonValue, 1, false);
    if (button['url'] !== undefined) this.rawString(button['url'], `${at}/url`, LIMITS.url, 1, false);
    const style = button['style'];
    if (style !== undefined && style !== 'primary' && style !== 'danger') {
      this.fail(`${at}/style`, 'must be one of [primary, danger]');
    }
  }

  private staticSelect(select: Dict, at: string): void {
    if (select['option_groups'] !== undefined) {
      if (!this.array(select['option_groups'], `${at}/option_groups`, 1, LIMITS.selectOptions, true)) return;
      (select['option_groups'] as unknown[]).forEach((group, g) => {
        const where = `${at}/option_groups/${g}`;
        if (!isDict(group)) {
          this.fail(where, 'must be an object');
          return;
        }
        this.text(group['label'], `${where}/label`, {
          max: LIMITS.optionText,
          plainOnly: true,
          required: true,
        });
        this.optionList(group['options'], `${where}/options`, 1, LIMITS.selectOptions, true);
      });
      return;
    }
    this.options(select, at, 1, LIMITS.selectOptions, true);
  }

  /** Validates `options` and that any initial option(s) are among them (Slack rejects a stray initial_option). */
  private options(element: Dict, at: string, min: number, max: number, plainOnly: boolean): void {
    const values = this.optionList(element['options'], `${at}/options`, min, max, plainOnly);
    if (!values) return;
    const initial = [
      element['initial_option'],
      ...(Array.isArray(element['initial_options']) ? element['initial_options'] : []),
    ];
    initial.forEach((option) => {
      // Compared by value only: text differences are a weaker signal than a value that does not exist.
      if (isDict(option) && typeof option['value'] === 'string' && !values.has(option['value'])) {
        this.fail(`${at}/initial_option`, 'must match one of the provided options');
      }
    });
  }

  private optionList(
    options: unknown,
    at: string,
    min: number,
    max: number,
    plainOnly: boolean,
  ): Set<string> | undefined {
    if (!this.array(options, at, min, max, true)) return undefined;
    const values = new Set<string>();
    (options as unknown[]).forEach((option, i) => {
      const where = `${at}/${i}`;
      if (!isDict(option)) {
        this.fail(where, 'must be an object');
        return;
      }
      this.text(option['text'], `${where}/text`, { max: LIMITS.optionText, plainOnly, required: true });
      if (this.rawString(option['value'], `${where}/value`, LIMITS.optionValue, 1, true)) {
        values.add(option['value'] as string);
      }
      if (option['description'] !== undefined) {
        this.text(option['description'], `${where}/description`, {
          max: LIMITS.optionDescription,
          plainOnly,
        });
      }
      if (option['url'] !== undefined) this.rawString(option['url'], `${where}/url`, LIMITS.url, 1, false);
    });
    return values;
  }

  private plainTextInput(input: Dict, at: string): void {
    const maxLength = input['max_length'];
    const minLength = input['min_length'];
    if (maxLength !== undefined) this.integer(maxLength, `${at}/max_length`, 1, LIMITS.inputMaxLength);
    if (minLength !== undefined) this.integer(minLength, `${at}/min_length`, 0, LIMITS.inputMaxLength);
    if (typeof maxLength === 'number' && typeof minLength === 'number' && minLength > maxLength) {
      this.fail(`${at}/min_length`, 'must be less than or equal to max_length');
    }
    const initial = input['initial_value'];
    if (initial !== undefined) {
      const cap = typeof maxLength === 'number' ? maxLength : LIMITS.inputMaxLength;
      this.rawString(initial, `${at}/initial_value`, cap, 0, false);
    }
  }

  /** A text object `{ type, text }`; counts its length toward the message-wide total. */
  private text(value: unknown, at: string, rule: TextRule): void {
    if (value === undefined) {
      if (rule.required) this.fail(at, 'missing required field');
      return;
    }
    if (!isDict(value)) {
      this.fail(at, 'must be a text object');
      return;
    }
    const type = value['type'];
    if (type !== 'plain_text' && (rule.plainOnly || type !== 'mrkdwn')) {
      this.fail(`${at}/type`, rule.plainOnly ? 'must be plain_text' : 'must be one of [plain_text, mrkdwn]');
      return;
    }
    const text = value['text'];
    if (typeof text !== 'string') {
      this.fail(`${at}/text`, 'missing required field: text');
      return;
    }
    this.totalTextLength += text.length;
    this.length(text, `${at}/text`, rule.max, rule.min ?? 1);
  }

  private rawString(value: unknown, at: string, max: number, min: number, required: boolean): boolean {
    if (value === undefined) {
      if (required) this.fail(at, 'missing required field');
      return false;
    }
    if (typeof value !== 'string') {
      this.fail(at, 'must be a string');
      return false;
    }
    return this.length(value, at, max, min);
  }

  private length(text: string, at: string, max: number, min: number): boolean {
    if (text.length > max) {
      this.fail(at, `must be less than ${max + 1} characters`);
      return false;
    }
    if (text.length < min) {
      this.fail(at, `must be more than ${min - 1} characters`);
      return false;
    }
    return true;
  }

  private array(value: unknown, at: string, min: number, max: number, required: boolean): boolean {
    if (value === undefined) {
      if (required) this.fail(at, 'missing required field');
      return false;
    }
    if (!Array.isArray(value)) {
      this.fail(at, 'must be an array');
      return false;
    }
    if (value.length > max) {
      this.fail(at, `no more than ${max} items allowed`);
      return false;
    }
    if (value.length < min) {
      this.fail(at, `must provide at least ${min} items`);
      return false;
    }
    return true;
  }

  private integer(value: unknown, at: string, min: number, max: number): void {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.fail(at, 'must be an integer');
      return;
    }
    if (value > max) this.fail(at, `must be less than or equal to ${max}`);
    if (value < min) this.fail(at, `must be greater than or equal to ${min}`);
  }

  private pattern(value: unknown, at: string, re: RegExp, shape: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !re.test(value)) this.fail(at, `must be in the format ${shape}`);
  }
}

/** Validates a blocks array for one surface. `pointer` is where the array lives (`/blocks`, `/view/blocks`). */
export function validateBlocks(blocks: unknown, surface: Surface, pointer: string): BlocksReport {
  const walker = new BlocksWalker(surface);
  walker.walk(blocks, pointer);
  return { issues: walker.issues, totalTextLength: walker.totalTextLength };
}

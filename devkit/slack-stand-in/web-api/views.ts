/**
 * Modals and Home tabs: trigger ids, modal stacks, published homes. Enforces the rules that bite
 * in production: a trigger id works once and for 3 s, only two views can be pushed over a modal,
 * and `views.update` with a stale `hash` is refused.
 */
import { LIMITS } from './block-kit-limits.ts';
import { type Dict, isDict } from './dict.ts';
import type { IdFactory } from './ids.ts';
import type { ViewKind } from './view-validation.ts';

export interface TriggerContext {
  /** Who clicked; `views.push` uses it to find that person's open modal. */
  userId?: string;
  /** The modal the interaction happened in (for `views.push` from inside a modal). */
  viewId?: string;
}

interface TriggerRecord extends TriggerContext {
  issuedAt: number;
  used: boolean;
}

interface ModalStack {
  userId: string | undefined;
  views: Dict[];
}

export type ViewResult = { ok: true; view: Dict } | { ok: false; error: string; messages?: string[] };

export interface ViewIdentity {
  teamId: string;
  appId: string;
  botId: string;
}

export class ViewStore {
  private readonly triggers = new Map<string, TriggerRecord>();
  private stacks: ModalStack[] = [];
  private readonly homes = new Map<string, Dict>();

  constructor(
    private readonly ids: IdFactory,
    private readonly identity: ViewIdentity,
    private readonly triggerTtlMs: number,
  ) {}

  issueTrigger(now: number, context: TriggerContext = {}): string {
    const id = `${Math.floor(now / 1000)}.${this.triggers.size + 1}.${this.ids.hex(32)}`;
    this.triggers.set(id, { ...context, issuedAt: now, used: false });
    return id;
  }

  private exchange(
    triggerId: string | undefined,
    now: number,
  ): { ok: true; trigger: TriggerRecord } | ViewResult {
    if (!triggerId)
      return { ok: false, error: 'invalid_arguments', messages: ['[ERROR] invalid `trigger_id`'] };
    const trigger = this.triggers.get(triggerId);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.used) return { ok: false, error: 'exchanged_trigger_id' };
    if (now - trigger.issuedAt > this.triggerTtlMs) return { ok: false, error: 'expired_trigger_id' };
    trigger.used = true;
    return { ok: true, trigger };
  }

  open(triggerId: string | undefined, input: Dict, now: number): ViewResult {
    const exchanged = this.exchange(triggerId, now);
    if (!('trigger' in exchanged)) return exchanged;
    if (this.externalIdTaken(input)) return { ok: false, error: 'duplicate_external_id' };
    const id = this.ids.next('V');
    const view = this.materialize(input, id, id, null);
    this.stacks.push({ userId: exchanged.trigger.userId, views: [view] });
    return { ok: true, view };
  }

  push(triggerId: string | undefined, input: Dict, now: number): ViewResult {
    const exchanged = this.exchange(triggerId, now);
    if (!('trigger' in exchanged)) return exchanged;
    const stack = this.stackFor(exchanged.trigger);
    const top = stack?.views.at(-1);
    if (!stack || !top) return { ok: false, error: 'not_found' };
    if (stack.views.length >= LIMITS.viewStackDepth) return { ok: false, error: 'push_limit_reached' };
    if (this.externalIdTaken(input)) return { ok: false, error: 'duplicate_external_id' };
    const view = this.materialize(
      input,
      this.ids.next('V'),
      String(stack.views[0]?.['id']),
      String(top['id']),
    );
    stack.views.push(view);
    return { ok: true, view };
  }

  update(key: { viewId?: string; externalId?: string; hash?: string }, input: Dict): ViewResult {
    if (!key.viewId && !key.externalId) {
      return {
        ok: false,
        error: 'invalid_arguments',
        messages: ['[ERROR] either view_id or external_id is required'],
      };
    }
    const current = this.current().find((view) =>
      key.viewId ? view['id'] === key.viewId : view['external_id'] === key.externalId,
    );
    if (!current) return { ok: false, error: 'not_found' };
    if (key.hash && key.hash !== current['hash']) return { ok: false, error: 'hash_conflict' };
    if (this.externalIdTaken(input, String(current['id'])))
      return { ok: false, error: 'duplicate_external_id' };
    // The external_id identifies the view; an update that leaves it out keeps it.
    const withExternalId =
      input['external_id'] === undefined && current['external_id']
        ? { ...input, external_id: current['external_id'] }
        : input;
    const next = this.materialize(
      withExternalId,
      String(current['id']),
      String(current['root_view_id']),
      current['previous_view_id'] as string | null,
    );
    this.replace(current, next);
    return { ok: true, view: next };
  }

  publish(userId: string, input: Dict, hash: string | undefined): ViewResult {
    const current = this.homes.get(userId);
    if (hash && current && hash !== current['hash']) return { ok: false, error: 'hash_conflict' };
    if (this.externalIdTaken(input, current ? String(current['id']) : undefined)) {
      return { ok: false, error: 'duplicate_external_id' };
    }
    // A person's Home tab keeps its view id across publishes.
    const id = current ? String(current['id']) : this.ids.next('V');
    const view = this.materialize(input, id, id, null);
    this.homes.set(userId, view);
    return { ok: true, view };
  }

  homeOf(userId: string): Dict | undefined {
    return this.homes.get(userId);
  }

  /** Every modal view currently open, bottom of each stack first. */
  openModals(): Dict[] {
    return this.stacks.flatMap((stack) => stack.views);
  }

  /** The top modal of the most recently opened stack (optionally for one user). */
  currentModal(userId?: string): Dict | undefined {
    const stack = [...this.stacks].reverse().find((s) => userId === undefined || s.userId === userId);
    return stack?.views.at(-1);
  }

  /** The person closed the modal: its whole stack goes, as in Slack. */
  close(viewId: string): boolean {
    const before = this.stacks.length;
    this.stacks = this.stacks.filter((stack) => !stack.views.some((view) => view['id'] === viewId));
    return this.stacks.length !== before;
  }

  clear(): void {
    this.triggers.clear();
    this.stacks = [];
    this.homes.clear();
  }

  private current(): Dict[] {
    return [...this.openModals(), ...this.homes.values()];
  }

  private stackFor(trigger: TriggerContext): ModalStack | undefined {
    const newestFirst = [...this.stacks].reverse();
    if (trigger.viewId) return newestFirst.find((s) => s.views.some((v) => v['id'] === trigger.viewId));
    if (trigger.userId) return newestFirst.find((s) => s.userId === trigger.userId);
    return newestFirst[0];
  }

  private replace(current: Dict, next: Dict): void {
    for (const stack of this.stacks) {
      const index = stack.views.indexOf(current);
      if (index >= 0) stack.views[index] = next;
    }
    for (const [userId, home] of this.homes) if (home === current) this.homes.set(userId, next);
  }

  private externalIdTaken(input: Dict, exceptViewId?: string): boolean {
    const externalId = input['external_id'];
    if (typeof externalId !== 'string' || externalId === '') return false;
    return this.current().some((view) => view['external_id'] === externalId && view['id'] !== exceptViewId);
  }

  /** The view as Slack returns and stores it: ids, hash, defaults, generated block/action ids. */
  private materialize(input: Dict, id: string, rootViewId: string, previousViewId: string | null): Dict {
    const copy = structuredClone(input);
    const blocks = Array.isArray(copy['blocks']) ? copy['blocks'] : [];
    for (const block of blocks) this.fillGeneratedIds(block);
    const kind = copy['type'] as ViewKind;
    return {
      id,
      team_id: this.identity.teamId,
      type: kind,
      title: copy['title'] ?? null,
      submit: copy['submit'] ?? null,
      close: copy['close'] ?? null,
      blocks,
      private_metadata: copy['private_metadata'] ?? '',
      callback_id: copy['callback_id'] ?? '',
      external_id: copy['external_id'] ?? '',
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${this.ids.hex(8)}`,
      clear_on_close: copy['clear_on_close'] === true,
      notify_on_close: copy['notify_on_close'] === true,
      root_view_id: rootViewId,
      previous_view_id: previousViewId,
      app_id: this.identity.appId,
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
  }

  /** Slack invents block_id/action_id values when the app leaves them out; state.values is keyed by them. */
  private fillGeneratedIds(block: unknown): void {
    if (!isDict(block)) return;
    if (block['block_id'] === undefined) block['block_id'] = this.ids.hex(5);
    const type = block['type'];
    let elements: unknown[] = [];
    if (type === 'input') elements = [block['element']];
    else if (type === 'section') elements = [block['accessory']];
    else if (type === 'actions' && Array.isArray(block['elements'])) elements = block['elements'];
    for (const element of elements) {
      if (isDict(element) && element['type'] !== 'image' && element['action_id'] === undefined) {
        element['action_id'] = this.ids.hex(5);
      }
    }
  }
}

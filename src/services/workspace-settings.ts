// Workspace settings a PMO manages from Slack: the PMO channel and the status thresholds. Thresholds are
// stored in Workspace.settings as JSON under `status`, and only where they differ from the documented
// defaults, so a workspace follows any future change of a default it never touched.

import { z } from 'zod';
import type { Db, Tx } from '../db/client.ts';
import { changedFields, recordAudit } from '../db/queries/audit.ts';
import { lockUnchanged, retryingStale } from '../db/queries/row-lock.ts';
import { closest } from '../domain/closest.ts';
import { parseNumber } from '../domain/numbers/index.ts';
import { canChangeStructure, WHO_MAY } from '../domain/permissions.ts';
import { SLACK_CHANNEL_ID } from '../domain/slack-ids.ts';
import { DEFAULT_STATUS_SETTINGS, type StatusSettings } from '../domain/status/settings.ts';
import type { Actor } from './actor.ts';
import { pmoChannelOf } from './escalation.ts';
import { failure, fieldErrorsFrom, type Loose, type Outcome, success } from './outcome.ts';
import type { Services } from './services.ts';
import { settingsObject, storedOverrides, workspaceSettings } from './stored-settings.ts';

export type SettingName = keyof StatusSettings;
export type SettingValue = number | boolean;

/** How a setting's value is typed, checked and shown. */
type SettingKind =
  | 'days'
  | 'points'
  | 'confidence'
  | 'periods'
  | 'share'
  | 'checkIns'
  | 'attainment'
  | 'score'
  | 'switch';

interface SettingSpec {
  kind: SettingKind;
  /** The doc comment from settings.ts, as one plain sentence. */
  meaning: string;
  /** Where the value shows up, for the confirmation. */
  usedBy: 'status' | 'risks';
  /** Only where a kind's usual range does not fit this one setting. */
  max?: number;
}

const SPECS: Record<SettingName, SettingSpec> = {
  checkInPeriodDays: {
    kind: 'days',
    usedBy: 'status',
    meaning: 'Length of one check-in period in days (weekly check-ins by default).',
  },
  atRiskGapPoints: {
    kind: 'points',
    usedBy: 'status',
    meaning: 'At risk when actual progress is more than this many percentage points behind the plan.',
  },
  offTrackGapPoints: {
    kind: 'points',
    usedBy: 'status',
    meaning: 'Off track when more than this many percentage points behind the plan.',
  },
  atRiskConfidence: {
    kind: 'confidence',
    usedBy: 'status',
    meaning: 'At risk when the latest confidence is at or below this (0–10).',
  },
  offTrackConfidence: {
    kind: 'confidence',
    usedBy: 'status',
    meaning: 'Off track when the latest confidence is at or below this (0–10).',
  },
  confidenceDropAtRisk: {
    kind: 'confidence',
    usedBy: 'status',
    meaning: 'At risk when confidence fell by at least this much since the previous check-in that gave one.',
  },
  staleAtRiskPeriods: {
    kind: 'periods',
    usedBy: 'status',
    meaning:
      'At risk after this many whole check-in periods without a check-in (for increase/decrease key results, weighed into the outlook instead).',
  },
  staleOffTrackPeriods: {
    kind: 'periods',
    usedBy: 'status',
    meaning: 'Off track after this many whole check-in periods without a check-in.',
  },
  booleanAtRiskAfterElapsed: {
    kind: 'share',
    usedBy: 'status',
    meaning: 'Yes/no key results not done once this share of the cycle has passed are at risk.',
  },
  forecastWindow: {
    kind: 'checkIns',
    usedBy: 'status',
    meaning: 'How many of the most recent check-ins the trend forecast looks at.',
  },
  forecastMinPoints: {
    kind: 'checkIns',
    usedBy: 'status',
    meaning: 'Fewer check-ins than this and the forecast assumes the rest of the plan happens as drawn.',
  },
  forecastMaxAttainment: {
    kind: 'attainment',
    usedBy: 'status',
    meaning: 'Highest attainment a forecast may report for increase/decrease key results (2 = 200%).',
  },
  forecastAtRiskBelow: {
    kind: 'share',
    usedBy: 'status',
    meaning: 'A weighed forecast below this attainment makes an increase/decrease key result at risk.',
  },
  forecastOffTrackBelow: {
    kind: 'share',
    usedBy: 'status',
    meaning: 'A weighed forecast below this attainment makes an increase/decrease key result off track.',
  },
  forecastSignalAfterElapsed: {
    kind: 'share',
    usedBy: 'status',
    meaning:
      'Trends count towards the forecast only once this share of the cycle has passed (early trends are noise).',
  },
  objectiveOffTrackWeightShare: {
    kind: 'share',
    usedBy: 'status',
    meaning: 'An objective is off track when off-track units carry at least this share of its weight.',
  },
  objectiveAtRiskWeightShare: {
    kind: 'share',
    usedBy: 'status',
    meaning:
      'An objective is at risk when at-risk or off-track units carry at least this share of its weight.',
  },
  kpiStaleAtRiskPeriods: {
    kind: 'periods',
    usedBy: 'status',
    meaning: "KPIs: at risk after this many missed reporting periods (by the KPI's cadence).",
  },
  kpiStaleOffTrackPeriods: {
    kind: 'periods',
    usedBy: 'status',
    meaning: 'KPIs: off track after this many missed reporting periods.',
  },
  riskEscalationScore: {
    kind: 'score',
    usedBy: 'risks',
    meaning: 'Risks scoring at least this (likelihood × impact, 1–25) are escalated.',
  },
  escalateRisksLinkedToOffTrack: {
    kind: 'switch',
    usedBy: 'risks',
    meaning: 'Escalate any risk linked to an off-track item, whatever its score.',
  },
};

/** In the order settings.ts declares them, which groups related thresholds together. */
export const SETTING_NAMES = Object.keys(DEFAULT_STATUS_SETTINGS) as SettingName[];

export const SETTING_GROUPS: ReadonlyArray<{ title: string; names: readonly SettingName[] }> = [
  { title: 'Check-ins', names: ['checkInPeriodDays', 'staleAtRiskPeriods', 'staleOffTrackPeriods'] },
  {
    title: 'Key results',
    names: [
      'atRiskGapPoints',
      'offTrackGapPoints',
      'atRiskConfidence',
      'offTrackConfidence',
      'confidenceDropAtRisk',
      'booleanAtRiskAfterElapsed',
    ],
  },
  {
    title: 'Forecasts',
    names: [
      'forecastWindow',
      'forecastMinPoints',
      'forecastMaxAttainment',
      'forecastAtRiskBelow',
      'forecastOffTrackBelow',
      'forecastSignalAfterElapsed',
    ],
  },
  { title: 'Objectives', names: ['objectiveOffTrackWeightShare', 'objectiveAtRiskWeightShare'] },
  { title: 'KPIs', names: ['kpiStaleAtRiskPeriods', 'kpiStaleOffTrackPeriods'] },
  { title: 'Risks', names: ['riskEscalationScore', 'escalateRisksLinkedToOffTrack'] },
];

export const settingMeaning = (name: SettingName): string => SPECS[name].meaning;
export const settingUsedBy = (name: SettingName): 'status' | 'risks' => SPECS[name].usedBy;

/** The setting a person typed, in any letter case. */
export function settingNamed(typed: string): SettingName | undefined {
  const wanted = typed.trim().toLowerCase();
  return SETTING_NAMES.find((name) => name.toLowerCase() === wanted);
}

export function unknownSettingMessage(typed: string): string {
  const lowered = SETTING_NAMES.map((name) => name.toLowerCase());
  const guess = closest(typed.trim().toLowerCase(), lowered);
  const suggestion = guess ? SETTING_NAMES[lowered.indexOf(guess)] : undefined;
  const hint = suggestion ? ` Did you mean ${suggestion}?` : '';
  return `There is no setting called "${typed}".${hint} The settings are: ${SETTING_NAMES.join(', ')}.`;
}

/** A value as people read it: shares as percentages, switches as yes/no. */
export function formatSettingValue(name: SettingName, value: SettingValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const kind = SPECS[name].kind;
  if (kind === 'share') return `${Math.round(value * 1000) / 10}%`;
  if (kind === 'attainment') return `${Math.round(value * 1000) / 10}%`;
  if (kind === 'points') return `${value} points`;
  if (kind === 'confidence') return `${value}/10`;
  return String(value);
}

const sameValue = (a: SettingValue, b: SettingValue) =>
  typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b;

export const isDefault = (name: SettingName, value: SettingValue): boolean =>
  sameValue(value, DEFAULT_STATUS_SETTINGS[name]);

// ---------------------------------------------------------------------------------------------------------
// Parsing one value

interface Range {
  min: number;
  max: number;
  integer: boolean;
  /** How the range reads in a message, e.g. "a whole number of check-in periods from 1 to 52". */
  describe: string;
  example: string;
}

function rangeOf(name: SettingName): Range {
  const spec = SPECS[name];
  switch (spec.kind) {
    case 'days':
      return {
        min: 1,
        max: 365,
        integer: true,
        describe: 'a whole number of days from 1 to 365',
        example: '7',
      };
    case 'points':
      return { min: 0, max: 100, integer: false, describe: 'percentage points from 0 to 100', example: '15' };
    case 'confidence': {
      const max = spec.max ?? 10;
      return { min: 0, max, integer: false, describe: `a confidence from 0 to ${max}`, example: '6' };
    }
    case 'periods':
      return {
        min: 1,
        max: 52,
        integer: true,
        describe: 'a whole number of periods from 1 to 52',
        example: '2',
      };
    case 'share':
      return {
        min: 0,
        max: 1,
        integer: false,
        describe: 'a share from 0 to 1 (or 0% to 100%)',
        example: '0.8 or 80%',
      };
    case 'checkIns':
      return {
        min: 2,
        max: 52,
        integer: true,
        describe: 'a whole number of check-ins from 2 to 52 (a trend needs two)',
        example: '4',
      };
    case 'attainment':
      return {
        min: 1,
        max: 10,
        integer: false,
        describe: 'an attainment from 1 (100%) to 10 (1000%)',
        example: '2 or 200%',
      };
    case 'score':
      return { min: 1, max: 25, integer: true, describe: 'a whole risk score from 1 to 25', example: '15' };
    case 'switch':
      return { min: 0, max: 1, integer: true, describe: 'yes or no', example: 'yes' };
  }
}

const YES = new Set(['yes', 'true', 'on', 'y']);
const NO = new Set(['no', 'false', 'off', 'n']);

export type ParsedValue = { ok: true; value: SettingValue } | { ok: false; error: string };

/** A typed value for one setting, checked against that setting's range. */
export function parseSettingValue(name: SettingName, raw: string | number | boolean): ParsedValue {
  const range = rangeOf(name);
  const expected = `${name} is ${range.describe}, e.g. \`/okr settings set ${name} ${range.example.split(' ')[0]}\`.`;
  if (SPECS[name].kind === 'switch') {
    if (typeof raw === 'boolean') return { ok: true, value: raw };
    const word = String(raw).trim().toLowerCase();
    if (YES.has(word)) return { ok: true, value: true };
    if (NO.has(word)) return { ok: true, value: false };
    return { ok: false, error: `"${String(raw)}" is not yes or no. ${expected}` };
  }
  if (typeof raw === 'boolean') return { ok: false, error: `Expected a number. ${expected}` };
  let value: number;
  if (typeof raw === 'number') value = raw;
  else {
    const parsed = parseNumber(raw);
    if (!parsed.ok) return { ok: false, error: `"${raw}" is not a number. ${expected}` };
    // "80%" means 0.8 where the setting is a share or an attainment; points are already percentages.
    const fractional = SPECS[name].kind === 'share' || SPECS[name].kind === 'attainment';
    value = parsed.unitHint === '%' && fractional ? parsed.value / 100 : parsed.value;
  }
  if (
    !Number.isFinite(value) ||
    value < range.min ||
    value > range.max ||
    (range.integer && !Number.isInteger(value))
  )
    return { ok: false, error: `${String(raw)} is out of range: ${expected}` };
  return { ok: true, value };
}

// ---------------------------------------------------------------------------------------------------------
// Rules between settings: a pair in the wrong order would make one of the two statuses unreachable.

interface PairRule {
  /** The setting that must be the smaller of the two. */
  lower: SettingName;
  higher: SettingName;
  strict: boolean;
  why: string;
}

const PAIR_RULES: readonly PairRule[] = [
  {
    lower: 'atRiskGapPoints',
    higher: 'offTrackGapPoints',
    strict: true,
    why: 'a key result has to be at risk before it is off track',
  },
  {
    lower: 'offTrackConfidence',
    higher: 'atRiskConfidence',
    strict: true,
    why: 'low confidence has to make a key result at risk before it makes it off track',
  },
  {
    lower: 'staleAtRiskPeriods',
    higher: 'staleOffTrackPeriods',
    strict: true,
    why: 'a silent key result has to be at risk before it is off track',
  },
  {
    lower: 'kpiStaleAtRiskPeriods',
    higher: 'kpiStaleOffTrackPeriods',
    strict: true,
    why: 'a KPI without readings has to be at risk before it is off track',
  },
  {
    lower: 'forecastMinPoints',
    higher: 'forecastWindow',
    strict: false,
    why: 'the forecast can never look at more check-ins than its window holds',
  },
  {
    lower: 'objectiveAtRiskWeightShare',
    higher: 'objectiveOffTrackWeightShare',
    strict: false,
    why: 'an objective has to be at risk before it is off track',
  },
];

/** The first rule the changed setting breaks in `settings`, as a message that says how to fix it. */
export function crossFieldProblem(settings: StatusSettings, changed: SettingName): string | undefined {
  for (const rule of PAIR_RULES) {
    if (rule.lower !== changed && rule.higher !== changed) continue;
    const low = settings[rule.lower] as number;
    const high = settings[rule.higher] as number;
    if (rule.strict ? low < high : low <= high) continue;
    const other = changed === rule.lower ? rule.higher : rule.lower;
    const order = rule.strict ? 'below' : 'at or below';
    return (
      `${rule.lower} (${formatSettingValue(rule.lower, low)}) has to be ${order} ${rule.higher} ` +
      `(${formatSettingValue(rule.higher, high)}): ${rule.why}. Change ${other} first if you want to go this far.`
    );
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The JSON on the workspace

/**
 * The settings JSON with one override set (or removed, when `value` is undefined or the default).
 * Other top-level keys are kept: the JSON is shared with settings that are not thresholds.
 */
export function withOverride(
  settingsJson: string,
  name: SettingName,
  value: SettingValue | undefined,
): string {
  const whole = settingsObject(settingsJson);
  const status: Partial<StatusSettings> = { ...storedOverrides(settingsJson) };
  if (value === undefined || isDefault(name, value)) delete status[name];
  else Object.assign(status, { [name]: value });
  return JSON.stringify({ ...whole, status });
}

// ---------------------------------------------------------------------------------------------------------
// Reading

export type PmoChannelSetting =
  | { source: 'workspace'; channel: string }
  | { source: 'environment'; channel: string }
  /** Stored on the workspace but not a channel id: nothing is posted, and the environment is not used. */
  | { source: 'invalid'; stored: string }
  | { source: 'none' };

/** Where flags and escalations go, and why; agrees with pmoChannelOf, which the senders use. */
export function pmoChannelSetting(
  workspace: { pmoChannelId: string | null },
  environment: Services['settings'],
): PmoChannelSetting {
  const channel = pmoChannelOf(workspace, environment);
  if (workspace.pmoChannelId !== null)
    return channel ? { source: 'workspace', channel } : { source: 'invalid', stored: workspace.pmoChannelId };
  return channel ? { source: 'environment', channel } : { source: 'none' };
}

export interface SettingView {
  name: SettingName;
  value: SettingValue;
  defaultValue: SettingValue;
  changed: boolean;
  meaning: string;
}

export interface WorkspaceSettingsView {
  pmo: PmoChannelSetting;
  settings: SettingView[];
}

export async function readWorkspaceSettings(
  db: Db,
  workspaceId: number,
  environment: Services['settings'],
): Promise<WorkspaceSettingsView> {
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: workspaceId } });
  // The same reading the status engine does, so what is shown is what is in force.
  const inForce = workspaceSettings(workspace.settings);
  return {
    pmo: pmoChannelSetting(workspace, environment),
    settings: SETTING_NAMES.map((name) => ({
      name,
      value: inForce[name],
      defaultValue: DEFAULT_STATUS_SETTINGS[name],
      changed: !isDefault(name, inForce[name]),
      meaning: settingMeaning(name),
    })),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Changing

const REFUSED = `Only ${WHO_MAY.structure} can change the workspace's settings. Nothing was changed.`;
const AUDIT_REF = 'workspace settings';

/** Every settings change is audited the same way: one field, before and after. */
export function auditSetting(tx: Tx, actor: Actor, field: string, before: unknown, after: unknown) {
  return recordAudit(tx, actor, {
    action: 'update',
    entityType: 'workspace',
    entityId: actor.workspaceId,
    entityRef: AUDIT_REF,
    ...changedFields({ [field]: before }, { [field]: after }),
  });
}

/** Thrown inside a transaction when someone else saved the settings first; the change is tried again. */
class ChangedMeanwhile extends Error {}

export const PmoChannelInput = z.object({
  channel: z.union(
    [
      z.null(),
      z
        .string()
        .trim()
        .regex(SLACK_CHANNEL_ID, 'Pick a channel, e.g. #okrs, or none to use the OKRA_PMO_CHANNEL setting.'),
    ],
    { error: 'Pick a channel, e.g. #okrs, or none to use the OKRA_PMO_CHANNEL setting.' },
  ),
});

export type PmoChannelInput = Loose<z.input<typeof PmoChannelInput>>;

export interface PmoChannelChange {
  before: string | null;
  after: string | null;
  changed: boolean;
  /** Where flags go now. */
  now: PmoChannelSetting;
}

/** Sets the workspace's own PMO channel; null clears it, so the OKRA_PMO_CHANNEL setting applies. */
export const setPmoChannel = retryingStale(setPmoChannelOnce);

async function setPmoChannelOnce(
  db: Db,
  actor: Actor,
  input: PmoChannelInput,
  environment: Services['settings'],
): Promise<Outcome<PmoChannelChange>> {
  // A missing channel is an error, not a clear: clearing has to be asked for.
  const parsed = PmoChannelInput.safeParse({ channel: input.channel === undefined ? '' : input.channel });
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor)) return failure({ channel: REFUSED });
  const after = parsed.data.channel;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const before = workspace.pmoChannelId;
  if (before === after)
    return success({ before, after, changed: false, now: pmoChannelSetting(workspace, environment) });
  await db.$transaction(async (tx) => {
    // The audit's "before" must be the channel really replaced, even when two admins set it at once.
    await lockUnchanged(tx, 'Workspace', workspace.id, before, async () => {
      return (await tx.workspace.findUniqueOrThrow({ where: { id: workspace.id } })).pmoChannelId;
    });
    await tx.workspace.update({ where: { id: workspace.id }, data: { pmoChannelId: after } });
    await auditSetting(tx, actor, 'pmoChannelId', before, after);
  });
  return success({
    before,
    after,
    changed: true,
    now: pmoChannelSetting({ pmoChannelId: after }, environment),
  });
}

const zSettingName = z
  .string({ error: 'Name the setting, e.g. atRiskGapPoints. `/okr settings` lists them.' })
  .trim()
  .min(1, 'Name the setting, e.g. atRiskGapPoints. `/okr settings` lists them.')
  .transform((typed, ctx) => {
    const name = settingNamed(typed);
    if (!name) {
      ctx.addIssue({ code: 'custom', message: unknownSettingMessage(typed), input: typed });
      return z.NEVER;
    }
    return name;
  });

export const SetSettingInput = z.object({
  name: zSettingName,
  value: z.union([z.string().trim().min(1), z.number(), z.boolean()], {
    error: 'Give the new value, e.g. `/okr settings set atRiskGapPoints 15`.',
  }),
});

export type SetSettingInput = Loose<z.input<typeof SetSettingInput>>;

export const ResetSettingInput = z.object({ name: zSettingName });
export type ResetSettingInput = Loose<z.input<typeof ResetSettingInput>>;

export interface SettingChange {
  name: SettingName;
  before: SettingValue;
  after: SettingValue;
  defaultValue: SettingValue;
  changed: boolean;
}

/** Sets one threshold for the workspace. A value equal to the default removes the override. */
export async function setStatusSetting(
  db: Db,
  actor: Actor,
  input: SetSettingInput,
): Promise<Outcome<SettingChange>> {
  const parsed = SetSettingInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  const { name } = parsed.data;
  const value = parseSettingValue(name, parsed.data.value);
  if (!value.ok) return failure({ value: value.error });
  if (!canChangeStructure(actor)) return failure({ name: REFUSED });
  return changeOverride(db, actor, name, value.value);
}

/** Puts one threshold back to its documented default. */
export async function resetStatusSetting(
  db: Db,
  actor: Actor,
  input: ResetSettingInput,
): Promise<Outcome<SettingChange>> {
  const parsed = ResetSettingInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor)) return failure({ name: REFUSED });
  return changeOverride(db, actor, parsed.data.name, undefined);
}

/**
 * Read, check and write the JSON as one compare-and-set: the write only lands if the JSON is still what
 * was read, so two admins changing different settings at the same moment cannot erase each other's change.
 */
async function changeOverride(
  db: Db,
  actor: Actor,
  name: SettingName,
  value: SettingValue | undefined,
): Promise<Outcome<SettingChange>> {
  const defaultValue = DEFAULT_STATUS_SETTINGS[name];
  for (let attempt = 0; attempt < 3; attempt++) {
    const workspace = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
    const before = workspaceSettings(workspace.settings);
    const nextJson = withOverride(workspace.settings, name, value);
    const after = workspaceSettings(nextJson);
    const change = { name, before: before[name], after: after[name], defaultValue };
    // Nothing in force changes: say so and write nothing, so the audit log only holds real changes.
    if (sameValue(change.before, change.after)) return success({ ...change, changed: false });
    const problem = crossFieldProblem(after, name);
    if (problem) return failure({ value: problem });
    try {
      await db.$transaction(async (tx) => {
        const written = await tx.workspace.updateMany({
          where: { id: workspace.id, settings: workspace.settings },
          data: { settings: nextJson },
        });
        if (written.count !== 1) throw new ChangedMeanwhile();
        await auditSetting(tx, actor, name, change.before, change.after);
      });
      return success({ ...change, changed: true });
    } catch (error) {
      if (!(error instanceof ChangedMeanwhile)) throw error;
    }
  }
  return failure({
    value: 'Someone changed the settings at the same moment, so nothing was changed. Please try again.',
  });
}

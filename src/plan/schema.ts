/**
 * The plan file model: one quarter (cycle) of teams, objectives with key results, KPIs and risks,
 * as a PMO writes it in YAML or CSV. Field names mirror the file so error paths read like the file.
 *
 * This schema checks each field on its own (types, formats, ranges). Rules that relate fields or
 * records to each other (refs, parents, start vs target…) live in semantic-checks.ts so that they
 * still run, and get reported, when some unrelated field is broken.
 */
import { z } from 'zod';
import { zConfidence } from '../domain/numbers/confidence.ts';
import { zIsoDate } from '../domain/numbers/iso-date.ts';
import { checkNumber, parseNumber } from '../domain/numbers/parse-number.ts';
import { describeValue, zNumberLike } from '../domain/numbers/zod-number.ts';
import { SLACK_CHANNEL_ID, SLACK_USER_ID } from '../domain/slack-ids.ts';
import {
  KPI_CADENCES,
  KPI_DIRECTIONS,
  KR_CURVES,
  KR_KINDS,
  OBJECTIVE_LEVELS,
  RISK_STATUSES,
} from '../domain/vocabulary.ts';

/** Local names for objectives, key results and KPIs; safe in CSV cells, URLs and Slack action ids. */
export const REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

const zText = () =>
  z
    .string({
      error: (i) => (i.input === undefined ? 'is required' : `expected text, got ${describeValue(i.input)}`),
    })
    .trim()
    .min(1, 'must not be empty');

const zLongText = () => z.string({ error: (i) => `expected text, got ${describeValue(i.input)}` }).trim();

export const zRef = () =>
  zText().regex(
    REF_PATTERN,
    'expected a ref made of letters, digits, "-", "_" or "." (e.g. growth-share), at most 64 characters',
  );

export const zUserId = () =>
  zText().regex(
    SLACK_USER_ID,
    'expected a Slack user id such as U0123ABCD (starts with U or W, capital letters)',
  );

export const zChannelId = () =>
  zText().regex(SLACK_CHANNEL_ID, 'expected a Slack channel id such as C0123ABCD (starts with C or G)');

const zEnum = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, {
    error: (i) =>
      i.input === undefined
        ? `is required (one of: ${values.join(', ')})`
        : `expected one of: ${values.join(', ')}; got ${describeValue(i.input)}`,
  });

/** YAML 1.2 reads `yes` as text, and CSV has no booleans, so accept the usual spellings. */
const TRUE_WORDS = new Set(['true', 'yes', 'y', 'done', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'todo', '0']);
export const zBooleanLike = () =>
  z
    .union([z.boolean(), z.string()], {
      error: (i) => `expected true or false, got ${describeValue(i.input)}`,
    })
    .transform((input, ctx) => {
      if (typeof input === 'boolean') return input;
      const word = input.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true or false (or yes/no), got "${input}"`, input });
      return z.NEVER;
    });

/** Check-in values are numbers; `true`/`false` are accepted for boolean key results (done = 1). */
const zCheckInValue = () =>
  z
    .union([z.boolean(), z.number(), z.string()], {
      error: (i) =>
        i.input === undefined
          ? 'is required (expected a number)'
          : `expected a number (or true/false for a boolean key result), got ${describeValue(i.input)}`,
    })
    .transform((input, ctx) => {
      if (typeof input === 'boolean') return input ? 1 : 0;
      const result = typeof input === 'number' ? checkNumber(input) : parseNumber(input);
      if (result.ok) return result.value;
      ctx.addIssue({ code: 'custom', message: result.error, input });
      return z.NEVER;
    });

export const cycleSchema = z.strictObject({ name: zText(), start: zIsoDate(), end: zIsoDate() });

export const teamSchema = z.strictObject({
  name: zText(),
  channel: zChannelId().optional(),
  members: z.array(zUserId()).default([]),
  leader: zUserId().optional(),
});

export const milestoneSchema = z.strictObject({
  title: zText(),
  weight: zNumberLike({ positive: true }).optional(),
  done: zBooleanLike().optional(),
});

export const checkInSchema = z.strictObject({
  date: zIsoDate(),
  value: zCheckInValue(),
  confidence: zConfidence().optional(),
  comment: zLongText().optional(),
});

export const keyResultSchema = z.strictObject({
  ref: zRef().optional(),
  title: zText(),
  owner: zUserId().optional(),
  kind: zEnum(KR_KINDS),
  start: zNumberLike().optional(),
  target: zNumberLike().optional(),
  unit: zText().optional(),
  weight: zNumberLike({ positive: true }).optional(),
  curve: zEnum(KR_CURVES).optional(),
  milestones: z.array(milestoneSchema).optional(),
  check_ins: z.array(checkInSchema).default([]),
});

export const objectiveSchema = z.strictObject({
  ref: zRef().optional(),
  title: zText(),
  description: zLongText().optional(),
  level: zEnum(OBJECTIVE_LEVELS),
  team: zText().optional(),
  owner: zUserId().optional(),
  parent: zRef().optional(),
  key_results: z.array(keyResultSchema).default([]),
});

export const kpiReadingSchema = z.strictObject({ date: zIsoDate(), value: zNumberLike() });

export const kpiSchema = z.strictObject({
  ref: zRef().optional(),
  title: zText(),
  owner: zUserId().optional(),
  team: zText().optional(),
  unit: zText().optional(),
  direction: zEnum(KPI_DIRECTIONS),
  target: zNumberLike(),
  green: zNumberLike(),
  amber: zNumberLike(),
  cadence: zEnum(KPI_CADENCES).optional(),
  readings: z.array(kpiReadingSchema).default([]),
});

const zScore = () => zNumberLike({ integer: true, min: 1, max: 5 });

export const riskSchema = z.strictObject({
  ref: zRef().optional(),
  title: zText(),
  description: zLongText().optional(),
  owner: zUserId().optional(),
  likelihood: zScore(),
  impact: zScore(),
  objective: zRef().optional(),
  key_result: zRef().optional(),
  kpi: zRef().optional(),
  mitigation: zLongText().optional(),
  status: zEnum(RISK_STATUSES).optional(),
});

export const planSchema = z.strictObject(
  {
    cycle: cycleSchema,
    teams: z.array(teamSchema).default([]),
    objectives: z.array(objectiveSchema).default([]),
    kpis: z.array(kpiSchema).default([]),
    risks: z.array(riskSchema).default([]),
  },
  {
    error: (i) =>
      i.code === 'invalid_type'
        ? 'a plan must be a mapping with cycle, teams, objectives, kpis and risks'
        : undefined,
  },
);

export type Plan = z.output<typeof planSchema>;
export type PlanCycle = Plan['cycle'];
export type PlanTeam = z.output<typeof teamSchema>;
export type PlanObjective = z.output<typeof objectiveSchema>;
export type PlanKeyResult = z.output<typeof keyResultSchema>;
export type PlanMilestone = z.output<typeof milestoneSchema>;
export type PlanCheckIn = z.output<typeof checkInSchema>;
export type PlanKpi = z.output<typeof kpiSchema>;
export type PlanKpiReading = z.output<typeof kpiReadingSchema>;
export type PlanRisk = z.output<typeof riskSchema>;
export type ObjectiveLevel = (typeof OBJECTIVE_LEVELS)[number];
export type KeyResultKind = (typeof KR_KINDS)[number];
export type KeyResultCurve = (typeof KR_CURVES)[number];
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

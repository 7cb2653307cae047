// Flags and escalations, rendered with the same view builders as before they went through the outbox.
// Payloads are checked before rendering: a row written by an older version must fail clearly, not half-render.
import { z } from 'zod';
import type { EscalationNotice, FlagNotice, NewItemsNotice } from '../../services/notice-payloads.ts';
import { escalationLine, flagDirectMessage, newItemsSummary, pmoFlagLine } from '../views/flags.ts';
import type { NoticeRenderer } from './types.ts';

const Level = z.enum(['on_track', 'at_risk', 'off_track']);

const FlagPayload = z.object({
  type: z.enum(['key_result', 'objective', 'kpi']),
  ref: z.string(),
  title: z.string(),
  status: Level,
  previous: Level.nullable(),
  reasons: z.array(z.string()),
  detail: z.string(),
  ownerSlackId: z.string().nullable(),
}) satisfies z.ZodType<FlagNotice>;

const EscalationPayload = z.object({
  ref: z.string(),
  title: z.string(),
  score: z.number(),
  likelihood: z.number(),
  impact: z.number(),
  ownerSlackId: z.string().nullable(),
  linked: z.object({ ref: z.string(), title: z.string(), status: Level.nullable() }).nullable(),
  because: z.object({ score: z.boolean(), offTrack: z.boolean() }),
}) satisfies z.ZodType<EscalationNotice>;

/** The owner's DM, with its Check in / Add a risk buttons. */
export const flagOwner: NoticeRenderer = (payload) => flagDirectMessage(FlagPayload.parse(payload));

/** The one line in the PMO channel. */
export const flagPmo: NoticeRenderer = (payload) => pmoFlagLine(FlagPayload.parse(payload));

export const escalation: NoticeRenderer = (payload) => escalationLine(EscalationPayload.parse(payload));

const NewItemsPayload = z.object({
  items: z.array(z.object({ ref: z.string(), status: Level })),
  graceEnds: z.string(),
}) satisfies z.ZodType<NewItemsNotice>;

/** One PMO message for a plan's new items, counted by status. */
export const newItems: NoticeRenderer = (payload) => newItemsSummary(NewItemsPayload.parse(payload));

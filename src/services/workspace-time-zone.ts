// The workspace's own time zone: what applies to people whose Slack profile has no zone (before
// OKRA_DEFAULT_TZ). Set by PMO admins with `/okr settings timezone`; audited like every setting.
import { z } from 'zod';
import type { Db } from '../db/client.ts';
import { isValidTimeZone } from '../domain/periods.ts';
import { canChangeStructure, WHO_MAY } from '../domain/permissions.ts';
import type { Actor } from './actor.ts';
import { failure, fieldErrorsFrom, type Outcome, success } from './outcome.ts';
import { auditSetting } from './workspace-settings.ts';

const HOW = 'Name an IANA time zone such as Europe/Paris or America/New_York, or none.';

export const TimeZoneInput = z.object({
  timeZone: z
    .string({ error: HOW })
    .trim()
    .min(1, HOW)
    .refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not a time zone. ${HOW}` })
    .nullable(),
});

export interface TimeZoneChange {
  before: string | null;
  after: string | null;
  changed: boolean;
  /** What people without a zone of their own get now. */
  inForce: string;
}

/** Sets the workspace's zone; null clears it, so OKRA_DEFAULT_TZ applies. */
export async function setWorkspaceTimeZone(
  db: Db,
  actor: Actor,
  input: { timeZone: string | null },
  defaultTimeZone: string,
): Promise<Outcome<TimeZoneChange>> {
  const parsed = TimeZoneInput.safeParse(input);
  if (!parsed.success) return failure(fieldErrorsFrom(parsed.error.issues));
  if (!canChangeStructure(actor))
    return failure({
      timeZone: `Only ${WHO_MAY.structure} can change the workspace's settings. Nothing was changed.`,
    });
  const after = parsed.data.timeZone;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  const before = workspace.timeZone;
  const inForce = after ?? defaultTimeZone;
  if (before === after) return success({ before, after, changed: false, inForce });
  await db.$transaction(async (tx) => {
    await tx.workspace.update({ where: { id: workspace.id }, data: { timeZone: after } });
    await auditSetting(tx, actor, 'timeZone', before, after);
  });
  return success({ before, after, changed: true, inForce });
}

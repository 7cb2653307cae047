// Whose clock a person's day runs on. A person's own zone comes from Slack and may be unknown (never read,
// or Slack has none); then the workspace's zone applies, then the operator's OKRA_DEFAULT_TZ.
import { isValidTimeZone } from './periods.ts';

export type ZoneSource = 'person' | 'workspace' | 'default';

export interface ResolvedZone {
  zone: string;
  source: ZoneSource;
}

export function zoneFor(
  person: string | null | undefined,
  workspace: string | null | undefined,
  fallback: string,
): ResolvedZone {
  if (person && isValidTimeZone(person)) return { zone: person, source: 'person' };
  if (workspace && isValidTimeZone(workspace)) return { zone: workspace, source: 'workspace' };
  // OKRA_DEFAULT_TZ is validated at start-up; UTC only guards a value that bypassed the configuration.
  return { zone: isValidTimeZone(fallback) ? fallback : 'UTC', source: 'default' };
}

/** A zone from Slack, or null when it is missing or not one this runtime knows (then it is unknown). */
export function zoneFromSlack(tz: unknown): string | null {
  return typeof tz === 'string' && tz !== '' && isValidTimeZone(tz) ? tz : null;
}

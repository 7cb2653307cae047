/**
 * The workspace's people, answered in Slack's `user` object shape (users.info, users.list).
 * Time zone fields matter most to Okra: check-ins are scheduled in each person's local time.
 */
export interface UserSpec {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  email?: string;
  /** IANA zone, e.g. `Europe/Berlin`; null for a profile without one (the tz fields are left out). */
  tz?: string | null;
  /** Seconds east of UTC. Computed from `tz` at the double's current time when omitted. */
  tzOffset?: number;
  /** E.g. `Central European Summer Time`. Computed from `tz` when omitted. */
  tzLabel?: string;
  deleted?: boolean;
  isBot?: boolean;
  isAppUser?: boolean;
  isAdmin?: boolean;
  isOwner?: boolean;
  isRestricted?: boolean;
  isUltraRestricted?: boolean;
  locale?: string;
  title?: string;
}

/** Offset in seconds of `tz` at `at`, read from Intl's `GMT+05:30` style name. */
export function offsetSecondsOf(tz: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = name?.match(/GMT([+-])(\d{2}):(\d{2})/);
  if (!match) return 0;
  const sign = match[1] === '-' ? -1 : 1;
  return sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

export function labelOf(tz: string, at: Date): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value ?? tz
  );
}

export class UserDirectory {
  private readonly users = new Map<string, UserSpec>();

  add(spec: UserSpec): void {
    this.users.set(spec.id, { ...spec });
  }

  get(id: string): UserSpec | undefined {
    return this.users.get(id);
  }

  /** In insertion order, which is also users.list's (stable) paging order. */
  all(): UserSpec[] {
    return [...this.users.values()];
  }

  toSlack(user: UserSpec, teamId: string, now: Date, includeLocale: boolean): Record<string, unknown> {
    const tz = user.tz === null ? undefined : (user.tz ?? 'America/Los_Angeles');
    const realName = user.realName ?? user.name;
    const displayName = user.displayName ?? '';
    const slackUser: Record<string, unknown> = {
      id: user.id,
      team_id: teamId,
      name: user.name,
      deleted: user.deleted ?? false,
      color: '9f69e7',
      real_name: realName,
      ...(tz
        ? {
            tz,
            tz_label: user.tzLabel ?? labelOf(tz, now),
            tz_offset: user.tzOffset ?? offsetSecondsOf(tz, now),
          }
        : {}),
      profile: {
        title: user.title ?? '',
        real_name: realName,
        real_name_normalized: realName,
        display_name: displayName,
        display_name_normalized: displayName,
        email: user.email ?? `${user.name}@okra-test.example`,
        image_48: `https://avatars.okra-test.example/${user.id}_48.png`,
        image_72: `https://avatars.okra-test.example/${user.id}_72.png`,
        team: teamId,
      },
      is_admin: user.isAdmin ?? false,
      is_owner: user.isOwner ?? false,
      is_primary_owner: false,
      is_restricted: user.isRestricted ?? false,
      is_ultra_restricted: user.isUltraRestricted ?? false,
      is_bot: user.isBot ?? false,
      is_app_user: user.isAppUser ?? false,
      updated: 1_700_000_000,
      has_2fa: false,
    };
    if (includeLocale) slackUser['locale'] = user.locale ?? 'en-US';
    return slackUser;
  }
}

// The environment, parsed once with zod. Everything else receives a typed Config.
import { z } from 'zod';
import { isValidTimeZone } from './domain/periods.ts';

const slackUserIds = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'each id looks like U012AB3CD (a Slack user id)')));

const ConfigSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .min(1, { error: 'is missing', abort: true })
    .regex(/^xoxb-/, 'must be a bot token starting with xoxb-'),
  SLACK_SIGNING_SECRET: z.string({ error: 'is missing' }).min(1, 'is missing'),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SLACK_API_URL: z
    .url('must be a URL such as https://slack.com/api/')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DATABASE_URL: z
    .string()
    .default('file:./data/okra.db')
    .refine(
      (url) => /^(file:|postgres(ql)?:\/\/)/.test(url) || url === ':memory:',
      'must start with file: (SQLite) or postgresql:// (PostgreSQL)',
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  OKRA_ADMINS: slackUserIds,
  OKRA_PMO_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel id such as C0123ABCD')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  OKRA_DEFAULT_TZ: z
    .string()
    .trim()
    .default('UTC')
    .refine((zone) => zone === '' || isValidTimeZone(zone), 'is not a time zone Okra knows')
    .transform((zone) => zone || 'UTC'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Config = {
  slackBotToken: string;
  slackSigningSecret: string;
  slackAppToken: string | undefined;
  slackApiUrl: string | undefined;
  databaseUrl: string;
  port: number;
  admins: string[];
  pmoChannel: string | undefined;
  defaultTimeZone: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
};

/** Where a person finds each value; shown when one is missing or wrong. */
const WHERE: Record<string, string> = {
  SLACK_BOT_TOKEN:
    'Slack app settings > OAuth & Permissions > Bot User OAuth Token (README: "Install in Slack")',
  SLACK_SIGNING_SECRET:
    'Slack app settings > Basic Information > Signing Secret (README: "Install in Slack")',
  SLACK_APP_TOKEN: 'Basic Information > App-Level Tokens, with connections:write (only for Socket Mode)',
  SLACK_API_URL: 'leave unset in production; tests point it at the Slack test double',
  DATABASE_URL: 'README: "Configuration"',
  PORT: 'README: "Configuration"',
  OKRA_ADMINS: 'Slack profile > ... > Copy member ID',
  OKRA_PMO_CHANNEL: 'channel details > About > Channel ID',
  OKRA_DEFAULT_TZ:
    'an IANA name such as Europe/Paris or America/New_York; used for people whose Slack profile has no zone, in workspaces without their own (/okr settings timezone)',
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      [
        'Okra cannot start: the configuration has problems.',
        ...problems.map((problem) => `  - ${problem}`),
        'Set them in the environment or in .env (see .env.example and the README section "Configuration").',
        'The Slack app itself is created from manifest.yml (README: "Install in Slack").',
      ].join('\n'),
    );
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const where = WHERE[name] ? ` (where to find it: ${WHERE[name]})` : '';
      return `${name} ${issue.message}${where}`;
    });
    throw new ConfigError(problems);
  }
  const e = result.data;
  return {
    slackBotToken: e.SLACK_BOT_TOKEN,
    slackSigningSecret: e.SLACK_SIGNING_SECRET,
    slackAppToken: e.SLACK_APP_TOKEN,
    slackApiUrl: e.SLACK_API_URL,
    databaseUrl: e.DATABASE_URL,
    port: e.PORT,
    admins: e.OKRA_ADMINS,
    pmoChannel: e.OKRA_PMO_CHANNEL,
    defaultTimeZone: e.OKRA_DEFAULT_TZ,
    logLevel: e.LOG_LEVEL,
  };
}

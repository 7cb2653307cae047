// A small leveled logger that never prints secrets: values that look like Slack tokens or URL passwords
// are masked before anything is written.
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type Level = (typeof LEVELS)[number];

export function redactSecrets(text: string): string {
  return text
    .replace(/xox[abposr]-[A-Za-z0-9-]+/g, 'xox*-***')
    .replace(/xapp-[A-Za-z0-9-]+/g, 'xapp-***')
    .replace(/(\w+:\/\/[^:/\s]+:)[^@\s]+@/g, '$1***@');
}

function format(args: unknown[]): string {
  return redactSecrets(
    args
      .map((arg) =>
        arg instanceof Error
          ? (arg.stack ?? arg.message)
          : typeof arg === 'string'
            ? arg
            : JSON.stringify(arg),
      )
      .join(' '),
  );
}

export function createLogger(
  level: Level = 'info',
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): BoltLogger {
  let threshold = LEVELS.indexOf(level);
  let name = 'okra';
  const emit =
    (at: Level) =>
    (...args: unknown[]) => {
      if (LEVELS.indexOf(at) >= threshold)
        write(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${format(args)}`);
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    setLevel(next: LogLevel) {
      threshold = Math.max(0, LEVELS.indexOf(next as Level));
    },
    getLevel: () => LEVELS[threshold] as LogLevel,
    setName(next: string) {
      name = next;
    },
  };
}

export const silentLogger: BoltLogger = createLogger('error', () => {});

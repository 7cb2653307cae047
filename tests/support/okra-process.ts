// Okra as an operator runs it, in a child process: start it with a clean environment, collect what it
// prints, know when it exits. Shared by the process-level tests (start-up, shutdown, crash and restart).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(import.meta.dirname, '../../src/main.ts');
// Resolved from the project, since the child runs in a scratch directory as an operator's would.
const TSX = import.meta.resolve('tsx');

export interface RunningOkra {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** This process's environment without Okra's and Slack's settings (and npm's, which npm itself sets). */
export function cleanEnvironment(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.startsWith('SLACK_') &&
        !key.startsWith('OKRA_') &&
        !key.startsWith('npm_') &&
        key !== 'DATABASE_URL',
    ),
  );
}

/** Collects a child's stdout and stderr and resolves `exited` with its exit code. */
export function watchChild(child: ChildProcess): RunningOkra {
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (signal) output += `\n[exited on ${signal}]`;
      resolve(code);
    }),
  );
  return { child, output: () => output, exited };
}

/** src/main.ts under tsx, configured only by `env`. */
export function startOkra(
  env: Record<string, string>,
  cwd = mkdtempSync(join(tmpdir(), 'okra-run-')),
): RunningOkra {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd,
    env: { ...cleanEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return watchChild(child);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

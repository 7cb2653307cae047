// Compiles src/ to dist/ so that `npm start` and the `okra` command run plain JavaScript under `node`:
// a signal sent to the process then reaches Okra itself, not a launcher that may kill it before it has
// finished its work. Runs after `npm install` and before `npm start` (only when a source file is newer).
// Where TypeScript is not installed (`npm install --omit=dev`), an existing dist/ is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const OUTPUT = join(ROOT, 'dist', 'main.js');
const onlyIfStale = process.argv.includes('--if-stale');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function typescriptCompiler() {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

const built = existsSync(OUTPUT) ? statSync(OUTPUT).mtimeMs : 0;
if (onlyIfStale && built >= newestSource(join(ROOT, 'src'))) process.exit(0);
const tsc = typescriptCompiler();
if (!tsc) {
  if (built > 0) process.exit(0);
  console.error('dist/ is missing and TypeScript is not installed: run `npm install` with dev dependencies.');
  process.exit(1);
}
const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);

#!/usr/bin/env node
// The `okra` command. It runs the compiled JavaScript in dist/ (built by `npm install`), so that signals
// reach it directly; a checkout without dist/, or with sources newer than it, runs the sources through tsx.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const compiled = join(root, 'dist', 'cli', 'main.js');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

// `okra demo` runs the development kit's demo (devkit/, never compiled into dist/) from a checkout.
if (process.argv[2] === 'demo') {
  const demo = join(root, 'devkit', 'demo', 'main.ts');
  if (!existsSync(demo)) {
    process.stderr.write(
      'okra demo needs a checkout of the Okra repository (devkit/ is not installed here).\n',
    );
    process.exit(2);
  }
  process.argv.splice(2, 1);
  const { register } = await import('tsx/esm/api');
  register();
  await import(demo);
} else if (existsSync(compiled) && statSync(compiled).mtimeMs >= newest(join(root, 'src'))) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(join(root, 'src', 'cli', 'main.ts'));
}

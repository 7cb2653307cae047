// The Node flags `npm start` gives Okra, read from package.json's start script, so that each benchmark part
// runs under the same V8 settings as the process it stands for. A `${NAME:-default}` in the script is
// expanded from this process's environment, as the shell that npm runs would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function startFlags(env: Record<string, string | undefined> = process.env): string[] {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = manifest.scripts.start.split(/\s+/);
  const node = words.indexOf('node');
  const main = words.indexOf('dist/main.js');
  if (node < 0 || main < node) throw new Error(`cannot read the start script: ${manifest.scripts.start}`);
  return words
    .slice(node + 1, main)
    .map((word) =>
      word.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => env[name] || fallback),
    );
}

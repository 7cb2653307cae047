// The layers: domain logic, services and jobs never reach into the Slack layer. Slack stays at the edge, so
// what Okra decides can be tested and reused without Bolt, and notices go through the outbox port.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SLACK = join(ROOT, 'src/slack');
const GUARDED = ['src/services', 'src/domain', 'src/jobs'];

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every module specifier in a file: static imports and exports, dynamic import() and require(). */
function specifiersIn(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

function reachesSlackLayer(file: string, specifier: string): boolean {
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return false;
  const target = resolve(dirname(file), specifier);
  return target === SLACK || target.startsWith(`${SLACK}/`);
}

function slackImports(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    specifiersIn(readFileSync(file, 'utf8'))
      .filter((specifier) => reachesSlackLayer(file, specifier))
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
}

describe('the layers below Slack', () => {
  it('no file under src/services, src/domain or src/jobs imports src/slack', () => {
    const files = GUARDED.flatMap((folder) => filesUnder(join(ROOT, folder)));
    expect(files.length).toBeGreaterThan(50);
    expect(slackImports(files)).toEqual([]);
  });

  it('would catch one that does, however it is written', () => {
    const sources = [
      "import type { Services } from '../slack/commands/types.ts';",
      "export { flagDirectMessage } from '../slack/views/flags.ts';",
      "const views = await import('../slack/views/flags.ts');",
      "import {\n  escalationLine,\n} from '../slack/views/flags.ts';",
    ];
    const file = join(ROOT, 'src/services/example.ts');
    for (const source of sources) {
      const hits = specifiersIn(source).filter((specifier) => reachesSlackLayer(file, specifier));
      expect(hits, source).toHaveLength(1);
    }
    // Neighbours whose names merely start the same way are not the Slack layer.
    expect(reachesSlackLayer(file, '../slack-ids.ts')).toBe(false);
    expect(reachesSlackLayer(file, '@slack/web-api')).toBe(false);
  });
});

describe('production code and the development kit', () => {
  const outside = ['devkit', 'tests', 'bench', 'scripts'].map((folder) => join(ROOT, folder));
  const reachesOutside = (file: string, specifier: string) => {
    if (!specifier.startsWith('.') && !specifier.startsWith('/')) return false;
    const target = resolve(dirname(file), specifier);
    return outside.some((folder) => target === folder || target.startsWith(`${folder}/`));
  };

  it('no file under src imports the Slack stand-in, the demo, tests, benchmarks or scripts', () => {
    // The production build compiles src/ alone; the stand-in for Slack lives in devkit/ and never ships.
    const files = filesUnder(join(ROOT, 'src')).filter((file) => !file.includes('/src/generated/'));
    expect(files.length).toBeGreaterThan(100);
    const hits = files.flatMap((file) =>
      specifiersIn(readFileSync(file, 'utf8'))
        .filter((specifier) => reachesOutside(file, specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(hits).toEqual([]);
    expect(reachesOutside(join(ROOT, 'src/app.ts'), '../devkit/slack-stand-in/index.ts')).toBe(true);
  });
});

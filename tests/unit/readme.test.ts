// The README is part of the product: these checks keep it true as the code changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeStatusRules } from '../../src/domain/status/index.ts';
import { CSV_FORMAT_DOC, EXAMPLE_PLAN_YAML } from '../../src/plan/index.ts';
import { buildCatalog } from '../../src/slack/commands/catalog.ts';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

describe('README', () => {
  it('explains status with exactly the rules the engine applies', () => {
    expect(readme).toContain(describeStatusRules());
  });

  it('documents every /okr subcommand with an example', () => {
    for (const command of buildCatalog()) {
      expect(readme, `an example of /okr ${command.name}`).toMatch(new RegExp(`\`/okr ${command.name}[ \`]`));
    }
  });

  it('lists every environment variable the app reads, as .env.example does', () => {
    const config = readFileSync(join(root, 'src/config.ts'), 'utf8');
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    const variables = [...config.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
    expect(variables.length).toBeGreaterThan(8);
    for (const variable of variables) {
      expect(readme, variable).toContain(`\`${variable}\``);
      expect(example, variable).toContain(`${variable}=`);
    }
  });

  it('starts with the two quick-start commands (the demo and the tests), then npm start; CI runs the same test command', () => {
    const quickStart = section('Quick start');
    expect(quickStart).toContain('npm install && npm run demo');
    expect(quickStart).toContain('npm install && npm test');
    expect(quickStart.indexOf('npm install && npm run demo')).toBeLessThan(quickStart.indexOf('npm start'));
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm test');
  });

  it('names only npm scripts that exist', () => {
    const scripts = Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts);
    const named = [...readme.matchAll(/npm run ([a-z][\w-]*(?::[\w-]+)*)/g)].map((match) => match[1]!);
    expect(named).toContain('demo');
    for (const script of new Set(named)) expect(scripts, `npm run ${script}`).toContain(script);
  });

  it('keeps its sections in the order a reader needs them', () => {
    const order = [
      'What Okra does',
      'Quick start',
      'Install in Slack',
      'Commands',
      'The YAML plan format',
      'How status is computed',
      'Configuration',
      'Running on PostgreSQL with several instances',
      'Backups and upgrades',
      'Benchmarks',
      'Architecture',
    ];
    const positions = order.map((title) => readme.indexOf(`\n## ${title}\n`));
    for (const [i, title] of order.entries()) expect(positions[i], title).toBeGreaterThan(0);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('shows the plan example the tests load, and the CSV format the code describes', () => {
    expect(readme).toContain(EXAMPLE_PLAN_YAML);
    expect(readme).toContain(CSV_FORMAT_DOC);
  });

  it('explains every scope and event manifest.yml asks for', () => {
    const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    const install = section('Install in Slack');
    for (const scope of manifest.oauth_config.scopes.bot) expect(install, scope).toContain(`\`${scope}\``);
    for (const event of manifest.settings.event_subscriptions.bot_events)
      expect(install, event).toContain(`\`${event}\``);
  });

  it('documents every okra command the CLI knows', () => {
    const cli = readFileSync(join(root, 'src/cli/main.ts'), 'utf8');
    const commands = [...cli.matchAll(/^\s{4}case '([a-z]+)':/gm)].map((match) => match[1]!);
    expect(commands).toEqual(expect.arrayContaining(['migrate', 'migration', 'import', 'export', 'help']));
    for (const command of commands) expect(readme, `okra ${command}`).toContain(`\`okra ${command}`);
  });
});

/** The text of one `## ` section, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

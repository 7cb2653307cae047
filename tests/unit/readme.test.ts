// The README is part of the product: these checks keep it true as the code changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeStatusRules } from '../../src/domain/status/index.ts';
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

  it('gives the two set-up commands, and CI runs the same test command', () => {
    expect(readme).toContain('npm install && npm start');
    expect(readme).toContain('npm install && npm test');
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toContain('npm test');
  });
});

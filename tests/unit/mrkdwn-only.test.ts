// User text reaches Slack's mrkdwn only through `md` (src/slack/mrkdwn.ts): no other module escapes by hand,
// so a builder cannot forget to, and `md` also flattens line breaks where a line is structure.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ALLOWED = new Set(['src/slack/text.ts', 'src/slack/mrkdwn.ts']);

describe('escaping', () => {
  it('happens only inside md: no other source file calls escapeMrkdwn', () => {
    const callers = readdirSync(join(ROOT, 'src'), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
      .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
      .filter((file) => !ALLOWED.has(file) && !file.startsWith('src/generated/'))
      .filter((file) => /\bescapeMrkdwn\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(callers).toEqual([]);
  });
});

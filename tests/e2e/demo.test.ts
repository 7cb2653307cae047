// `npm run demo` is the real app against the Slack stand-in: this runs its core with a fixed seed and checks
// what Slack received. Every owner prompted once at 09:00 their time, one digest per subscribed channel with
// its chart, every message and view within Block Kit limits, no Slack errors, and the story the transcript
// promises (three time zones, an inline error corrected, a flag, a reminder, an escalated risk, the digest).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { KPIS } from '../../devkit/demo/company/kpis-risks.ts';
import { CHANNELS, EVERYONE, PEOPLE } from '../../devkit/demo/company/people.ts';
import { OBJECTIVES } from '../../devkit/demo/company/plan.ts';
import { WORKSPACE_TIME_ZONE } from '../../devkit/demo/compose.ts';
import { type DemoResult, runDemo } from '../../devkit/demo/run.ts';
import type { RecordedCall } from '../../devkit/slack-stand-in/web-api/index.ts';
import { checkView } from '../../devkit/slack-stand-in/web-api/index.ts';
import { checkMessageContent } from '../../devkit/slack-stand-in/web-api/message-content.ts';
import { runExport } from '../../src/cli/import-export.ts';
import { openDatabase } from '../../src/db/client.ts';
import { listDigestTargets } from '../../src/services/digest-subscriptions.ts';
import { TEST_PROVIDER } from '../support/test-database.ts';

// The demo plays a whole week (about 230 scheduler ticks and 30 check-ins): tens of seconds on a loaded machine.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let outDir: string;
let demo: DemoResult;
let calls: readonly RecordedCall[];
let transcript: string;

// The demo always makes its own SQLite database, so it runs once, in the SQLite pass of the suite.
const onSqlitePass = TEST_PROVIDER === 'sqlite';

beforeAll(async () => {
  if (!onSqlitePass) return;
  outDir = mkdtempSync(join(tmpdir(), 'okra-demo-'));
  demo = await runDemo({ seed: 7, outDir });
  calls = demo.app.slack.calls;
  transcript = demo.transcript.join('\n');
});
afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const posts = (channel: string) =>
  calls.filter((c) => c.method === 'chat.postMessage' && c.ok && c.args.channel === channel);
/** Okra opens a DM by posting to the person's user id; Slack also accepts the DM's channel id. */
const dmPosts = (userId: string) => [...posts(userId), ...posts(demo.app.slack.dmChannelOf(userId))];
const localTime = (at: number, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(at));

describe.runIf(onSqlitePass)('the demo week, as Slack received it', () => {
  it('prompts every owner once, at 09:00 on Monday in their own time zone', () => {
    const owners = new Set([
      ...OBJECTIVES.flatMap((o) => o.keyResults.map((kr) => kr.owner)),
      ...KPIS.map((k) => k.owner),
    ]);
    const prompted = EVERYONE.filter((person) =>
      dmPosts(person.id).some((c) => String(c.args.text).startsWith('Time to check in')),
    );
    expect(new Set(prompted.map((p) => p.id))).toEqual(owners);
    for (const person of prompted) {
      const prompts = dmPosts(person.id).filter((c) => String(c.args.text).startsWith('Time to check in'));
      expect(prompts, person.name).toHaveLength(1);
      expect(localTime(prompts[0]!.at, person.tz), person.name).toBe('Mon 09:00');
    }
    expect(new Set(prompted.map((p) => p.tz)).size).toBe(3);
  });

  it('posts exactly one digest in each subscribed channel, Friday 16:00 in the workspace zone, each with one chart', async () => {
    const database = openDatabase(demo.app.databaseUrl);
    try {
      const workspace = await database.db.workspace.findFirstOrThrow();
      const targets = await listDigestTargets(database.db, workspace.id, WORKSPACE_TIME_ZONE);
      const subscribed = [...new Set(targets.map((t) => t.channelId))].sort();
      expect(subscribed).toEqual(
        [CHANNELS.leadership.id, CHANNELS.growth.id, CHANNELS.product.id, CHANNELS.success.id].sort(),
      );
      const uploads = calls.filter((c) => c.method === 'files.completeUploadExternal' && c.ok);
      expect(uploads).toHaveLength(subscribed.length);
      for (const channel of subscribed) {
        const digests = posts(channel).filter(
          (c) => String(c.args.text).startsWith('OKR digest') && c.args.thread_ts === undefined,
        );
        expect(digests, channel).toHaveLength(1);
        expect(localTime(digests[0]!.at, WORKSPACE_TIME_ZONE)).toBe('Fri 16:00');
        const ts = (digests[0]!.response as { ts: string }).ts;
        const charts = demo.app.slack.files.filter((f) => f.channelId === channel);
        expect(charts, channel).toHaveLength(1);
        expect(charts[0]?.threadTs).toBe(ts);
        expect(charts[0]?.content?.subarray(0, 8).equals(PNG)).toBe(true);
      }
    } finally {
      await database.close();
    }
  });

  it('keeps every message and view within Block Kit limits, and Slack answered no call with an error', () => {
    const failed = calls.filter((c) => !c.ok).map((c) => `${c.method}: ${c.error}`);
    expect(failed).toEqual([]);
    expect(demo.app.slack.responseUrlPosts.every((post) => post.accepted)).toBe(true);
    let checked = 0;
    for (const call of calls) {
      if (call.method.startsWith('chat.')) {
        const check = checkMessageContent(call.args, true);
        expect(check.ok ? [] : check.messages, call.method).toEqual([]);
        checked++;
      }
      if (call.method.startsWith('views.')) {
        const check = checkView(call.args.view, call.method === 'views.publish' ? ['home'] : ['modal']);
        expect(check.ok ? [] : check.messages, call.method).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe.runIf(onSqlitePass)('the transcript', () => {
  it('tells the week: prompts in three zones, an inline error corrected, a flag, reminders, an escalated risk, the digest', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata'])
      expect(transcript).toContain(`(${zone}): "Time to check in for 2026-W07`);
    // Olivia types a word for a number, sees the error on the field, and her corrected form goes through.
    const olivia = demo.transcript.filter(
      (line) => line.includes('Olivia Reed') || line.includes('the form shows'),
    );
    const error = olivia.findIndex((line) =>
      line.includes('the form shows an error on the value of gr-webinars'),
    );
    expect(error).toBeGreaterThan(-1);
    expect(olivia[error]).toContain('expected a number');
    expect(
      olivia
        .slice(error)
        .some((line) => line.includes('Olivia Reed gets a receipt: "Checked in for 2026-W07')),
    ).toBe(true);
    expect(transcript).toMatch(/FLAG to owner Ethan Cole: .*"Qualified demos per week" is now off track/);
    expect(transcript).toMatch(/FLAG in #okr-pmo: .*"Qualified demos per week" is off track/);
    expect(transcript).toMatch(
      /reminder to Tobias Braun: "Reminder: your check-in for 2026-W07 is still open/,
    );
    expect(transcript).toMatch(
      /ESCALATED RISK in #okr-pmo: .*"Nordline, our largest customer, is trialling a competitor" escalated \(high score\)/,
    );
    expect(transcript).toMatch(/ESCALATED RISK in #okr-pmo: .*escalated \(its item is off track\)/);
    expect(transcript).toMatch(/DIGEST posted in #leadership: "OKR digest for 2026 Q1 · week 7 of 13/);
    expect(transcript).toContain('The leadership digest, as text:');
    expect(transcript).toContain(`${PEOPLE.noah.name} submits the check-in form`);
  });
});

describe.runIf(onSqlitePass)('what the demo leaves behind', () => {
  it('writes the database, each message with a Block Kit Builder link, the chart and the call log', async () => {
    for (const file of [
      'okra.db',
      'messages/README.md',
      'chart-leadership.png',
      'slack-calls.jsonl',
      'transcript.txt',
    ])
      expect(existsSync(join(outDir, file)), file).toBe(true);
    const index = readFileSync(join(outDir, 'messages/README.md'), 'utf8');
    const link = /\(https:\/\/app\.slack\.com\/block-kit-builder\/#([^)]+)\)/.exec(index)?.[1];
    expect(JSON.parse(decodeURIComponent(link!))).toHaveProperty('blocks');
    const log = readFileSync(join(outDir, 'slack-calls.jsonl'), 'utf8').trim().split('\n');
    expect(log).toHaveLength(calls.length);
    let exported = '';
    const code = await runExport([], {
      out: { write: (text: string) => (exported += text) },
      err: { write: () => {} },
      databaseUrl: demo.app.databaseUrl,
    });
    expect(code).toBe(0);
    expect(exported).toContain('Qualified demos per week');
  });
});

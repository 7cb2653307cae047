// The demo from start to end: compose the app with the stand-in and a fast clock, import the plan and its
// history through `okra import`, play the week, write what Slack received. main.ts prints it; the test reads it.
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { rng } from '../random.ts';
import { planDocument } from './company/history.ts';
import { CHANNELS } from './company/people.ts';
import { composeDemo, type DemoApp } from './compose.ts';
import { digestAsText } from './digest-text.ts';
import { importPlanFile } from './import-plan.ts';
import type { SlackEvent } from './observe.ts';
import { type Outputs, writeOutputs } from './output.ts';
import type { Refs } from './scenario/answers.ts';
import { runWeek, WEEK_STARTS } from './scenario/week.ts';
import { createTranscript } from './transcript.ts';

export interface DemoOptions {
  seed: number;
  outDir: string;
  print?: (line: string) => void;
  progress?: (at: Date) => void;
}

export interface DemoResult {
  transcript: string[];
  events: SlackEvent[];
  outputs: Outputs;
  app: DemoApp;
}

const KICKOFF = '2026-01-05T08:00:00Z';

/** Runs the demo and leaves the app closed; the result keeps the stand-in's records for inspection. */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const random = rng(options.seed);
  const transcript = createTranscript(options.print ?? (() => {}));
  const app = await composeDemo(options.outDir, KICKOFF);
  try {
    transcript.note(
      `Fernhill Analytics, 2026 Q1 (seed ${options.seed}). Okra runs against a stand-in for Slack.`,
    );
    // Each import goes through the real importer, and the transcript says what was loaded.
    const importAndTell = async (name: string, document: Record<string, unknown>, what: string) => {
      const loaded = await importPlanFile(
        options.outDir,
        name,
        document,
        app.databaseUrl,
        app.slack.teamId,
        app.clock.now(),
      );
      transcript.line(
        app.clock.now(),
        undefined,
        `${what}: okra import ${relative(process.cwd(), loaded.file)}`,
      );
      for (const line of summaryOf(loaded.report)) transcript.note(`    ${line}`);
    };
    await importAndTell('plan.yaml', planDocument(undefined), "the PMO imports the quarter's plan");
    app.clock.set(WEEK_STARTS);
    await importAndTell(
      'plan-with-history.yaml',
      planDocument(random),
      "five weeks of check-ins from the teams' spreadsheet",
    );
    transcript.note('The week of 9 February, at a fast clock:');
    const refs = await refsOf(app);
    const week = await runWeek(app, refs, random, transcript, options.progress ?? (() => {}));
    for (const digest of week.events.filter(
      (e) => e.kind === 'digest' && e.channel === CHANNELS.leadership.id,
    )) {
      transcript.note('The leadership digest, as text:');
      for (const line of digestAsText(app.slack, digest)) transcript.note(`  | ${line}`);
    }
    const outputs = writeOutputs(app.slack, options.outDir);
    writeFileSync(join(options.outDir, 'transcript.txt'), `${transcript.lines.join('\n')}\n`);
    return { transcript: transcript.lines, events: week.events, outputs, app };
  } finally {
    await app.close();
  }
}

function summaryOf(report: string): string[] {
  return report
    .split('\n')
    .filter((line) => /^\s+\S.*: \d+ new/.test(line))
    .map((line) => line.trim());
}

async function refsOf(app: DemoApp): Promise<Refs> {
  const db = app.okra.services.db;
  const krs = await db.keyResult.findMany({ select: { id: true, ref: true } });
  const kpis = await db.kpi.findMany({ select: { id: true, ref: true } });
  return {
    keyResults: new Map(krs.map((k) => [k.id, k.ref ?? ''])),
    kpis: new Map(kpis.map((k) => [k.id, k.ref ?? ''])),
  };
}

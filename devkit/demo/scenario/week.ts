// The demo week, Monday 9 to Friday 13 February 2026: the fast clock moves from tick to tick (ticks.ts), each
// one a scheduler tick; between ticks, people act at the moments the cast gives them.

import type { Rng } from '../../random.ts';
import { EVERYONE, nameOf, PEOPLE, type Person } from '../company/people.ts';
import type { DemoApp } from '../compose.ts';
import { type SlackEvent, SlackObserver } from '../observe.ts';
import { slashCommand } from '../slack-person.ts';
import { describe, plain, type Transcript } from '../transcript.ts';
import type { Refs } from './answers.ts';
import { CAST, ON_TIME, type Role } from './cast.ts';
import { checkIn } from './check-in.ts';
import { tickTimes } from './ticks.ts';

export const WEEK_STARTS = '2026-02-08T23:00:00Z'; // Monday 00:00 in Berlin, the workspace's zone
export const WEEK_ENDS = '2026-02-13T16:30:00Z'; // Friday, just after the 16:00 (Berlin) digest

/** What admins type, and when (UTC). */
const ADMIN_COMMANDS = [
  { at: '2026-02-09T08:30:00Z', user: PEOPLE.jonas, text: 'digest add <#C0LEADERSHIP|leadership>' },
  { at: '2026-02-11T10:00:00Z', user: PEOPLE.jonas, text: 'checkin status' },
];

interface Moment {
  at: number;
  run: () => Promise<void>;
}

export interface WeekRun {
  events: SlackEvent[];
}

export async function runWeek(
  app: DemoApp,
  refs: Refs,
  random: Rng,
  transcript: Transcript,
  progress: (at: Date) => void,
): Promise<WeekRun> {
  const observer = new SlackObserver(app.slack);
  const events: SlackEvent[] = [];
  const reminders = new Map<string, number>();
  const moments: Moment[] = ADMIN_COMMANDS.map((c) => ({
    at: Date.parse(c.at),
    run: async () => {
      transcript.line(app.clock.now(), c.user, `${c.user.name} types /okr ${c.text}`);
      for (const reply of await slashCommand(app, c.user.id, c.text))
        transcript.line(app.clock.now(), c.user, `  Okra answers: "${plain(reply, nameOf).split('\n')[0]}"`);
    },
  }));
  const answerLater = (person: Person, role: Role, minutes: [number, number]) =>
    moments.push({
      at: app.clock.now().getTime() + random.int(minutes[0], minutes[1]) * 60_000,
      run: () => checkIn(app, person, refs, random, role.twist, transcript),
    });
  const report = () => {
    // Calls made in the same tick arrive in whatever order the outbox's concurrent sends finished: read them
    // in a fixed order, so the seeded choices below go to the same people on every run.
    for (const event of observer.collect().sort(byMomentAndPerson)) {
      events.push(event);
      transcript.line(event.at, event.person, describe(event, nameOf));
      const person = event.person;
      if (!person || (event.kind !== 'prompt' && event.kind !== 'reminder')) continue;
      const role = CAST[person.id] ?? { when: ON_TIME };
      if (event.kind === 'reminder') reminders.set(person.id, (reminders.get(person.id) ?? 0) + 1);
      const when = role.when;
      if (event.kind === 'prompt' && when.after === 'prompt') answerLater(person, role, when.minutes);
      if (event.kind === 'reminder' && when.after === 'reminder' && reminders.get(person.id) === when.which)
        answerLater(person, role, when.minutes);
    }
  };

  for (const person of EVERYONE) {
    const role = CAST[person.id];
    if (role?.story) transcript.note(`  · ${person.name} (${person.role}) ${role.story}`);
  }
  for (const tick of tickTimes(WEEK_STARTS, WEEK_ENDS)) {
    // People act at their moments before this tick, in time order.
    for (;;) {
      moments.sort((a, b) => a.at - b.at);
      const next = moments[0];
      if (!next || next.at > tick) break;
      moments.shift();
      app.clock.set(new Date(next.at));
      await next.run();
      report();
    }
    app.clock.set(new Date(tick));
    await app.tick();
    report();
    progress(app.clock.now());
  }
  return { events };
}

function byMomentAndPerson(a: SlackEvent, b: SlackEvent): number {
  return (
    a.at.getTime() - b.at.getTime() ||
    (a.person?.id ?? '').localeCompare(b.person?.id ?? '') ||
    a.kind.localeCompare(b.kind) ||
    a.channel.localeCompare(b.channel)
  );
}

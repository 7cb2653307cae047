// One person checking in from their prompt: "Check in" opens the form, they fill it in and submit; when Okra
// answers with an error on a field, they read it and submit again, as people do.

import type { Rng } from '../../random.ts';
import type { StoredMessage } from '../../slack-stand-in/web-api/index.ts';
import type { Person } from '../company/people.ts';
import type { DemoApp } from '../compose.ts';
import { clickButton, submitForm } from '../slack-person.ts';
import type { Transcript } from '../transcript.ts';
import { fillSheet, type Refs } from './answers.ts';
import type { Twist } from './cast.ts';

const MAX_SUBMISSIONS = 6;

export async function checkIn(
  app: DemoApp,
  person: Person,
  refs: Refs,
  random: Rng,
  twist: Twist | undefined,
  transcript: Transcript,
): Promise<void> {
  const prompt = latestPrompt(app, person);
  if (!prompt) return;
  let view = await clickButton(app, person.id, prompt, 'okra.checkin.open');
  const at = app.clock.now();
  let attempt = 0;
  for (let submissions = 0; view && submissions < MAX_SUBMISSIONS; submissions++) {
    const blocks = (view.blocks ?? []) as Parameters<typeof fillSheet>[0];
    const answer = fillSheet(blocks, refs, at, random, twist, attempt);
    transcript.line(at, person, `✎ ${person.name} submits the check-in form: ${answer.said.join(' · ')}`);
    const result = await submitForm(app, person.id, view, answer.values);
    if (result.errors) {
      for (const [field, error] of Object.entries(result.errors))
        transcript.line(at, person, `✗ the form shows an error on ${fieldName(field, refs)}: "${error}"`);
      attempt++;
      continue;
    }
    view = result.next;
  }
}

function latestPrompt(app: DemoApp, person: Person): StoredMessage | undefined {
  return app.slack
    .messagesIn(app.slack.dmChannelOf(person.id))
    .filter((m) => JSON.stringify(m.blocks ?? []).includes('okra.checkin.open'))
    .at(-1);
}

/** `kr.12.value` as the person sees it: the field of that key result. */
function fieldName(blockId: string, refs: Refs): string {
  const match = /^(kr|kpi)\.(\d+)\.(\w+)/.exec(blockId);
  if (!match) return blockId;
  const ref = (match[1] === 'kr' ? refs.keyResults : refs.kpis).get(Number(match[2]));
  return ref ? `the ${match[3]} of ${ref} (field ${blockId})` : blockId;
}

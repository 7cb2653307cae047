// `npm run bench`: prints figures, each next to a baseline measured in the same run.
import { benchAck } from './ack.ts';

const sections: Array<[string, () => Promise<string[]>]> = [
  ['Acknowledging slash commands', () => benchAck()],
];

for (const [title, run] of sections) {
  console.log(`\n## ${title}`);
  for (const line of await run()) console.log(line);
}

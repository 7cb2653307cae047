// How fast Okra acknowledges a slash command, against the same server's bare /healthz round trip.

import { sendCommand } from '../devkit/slack-stand-in/driver.ts';
import { startHarness } from '../tests/support/harness.ts';
import { row, summarise, time } from './stats.ts';

const SLACK_ACK_LIMIT_MS = 3000;

export async function benchAck(samples = 300): Promise<string[]> {
  const h = await startHarness();
  try {
    const health = async () => (await fetch(`${h.appUrl}/healthz`)).text();
    const help = () =>
      sendCommand(h.appUrl, 'test-signing-secret', {
        userId: 'U0BOB',
        text: 'help',
        responseUrl: h.double.newResponseUrl(),
      });
    for (let i = 0; i < 20; i++) {
      await health();
      await help();
    }
    const baseline: number[] = [];
    const acks: number[] = [];
    for (let i = 0; i < samples; i++) {
      baseline.push(await time(health));
      const response = await help();
      if (response.status !== 200) throw new Error(`/okr help answered ${response.status}`);
      acks.push(response.durationMs);
    }
    const burst: number[] = [];
    for (let round = 0; round < 10; round++) {
      const answers = await Promise.all(Array.from({ length: 20 }, () => help()));
      burst.push(...answers.map((a) => a.durationMs));
    }
    const base = summarise(baseline);
    const ack = summarise(acks);
    const concurrent = summarise(burst);
    return [
      row('baseline: GET /healthz (one database query)', base),
      row('signed /okr help, acknowledged', ack),
      row('signed /okr help, 20 at once', concurrent),
      `ack p99 ${ack.p99.toFixed(1)} ms = ${(ack.p99 / Math.max(base.p99, 0.001)).toFixed(1)}x the baseline; ` +
        `Slack's limit is ${SLACK_ACK_LIMIT_MS} ms: ${Math.max(ack.max, concurrent.max) < SLACK_ACK_LIMIT_MS ? 'met' : 'NOT MET'} (worst ${Math.max(ack.max, concurrent.max).toFixed(1)} ms)`,
    ];
  } finally {
    await h.close();
  }
}

// When the fast clock ticks: every hour on the hour (as a test steps its clock), and at 09:00 local in each
// zone the company works in, so a prompt due at 09:00 in Kolkata (03:30 UTC) goes at 09:00, not 09:30.
import { ZONES } from '../company/people.ts';

const HOUR_MS = 3_600_000;
const PROMPT_HOUR = 9;

export function tickTimes(from: string, to: string): number[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const times = new Set<number>();
  for (let at = Math.ceil(start / HOUR_MS) * HOUR_MS; at <= end; at += HOUR_MS) times.add(at);
  for (const zone of Object.values(ZONES))
    for (let day = start - 86_400_000; day <= end + 86_400_000; day += 86_400_000) {
      const at = localNineOClock(new Date(day), zone);
      if (at >= start && at <= end) times.add(at);
    }
  return [...times].sort((a, b) => a - b);
}

/** 09:00 in `zone` on the local date that `day` falls on there. */
function localNineOClock(day: Date, zone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(day)
      .map((p) => [p.type, p.value]),
  );
  const guess = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), PROMPT_HOUR);
  return guess - offsetMs(new Date(guess), zone);
}

function offsetMs(at: Date, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const match = name?.match(/GMT([+-])(\d{2}):(\d{2})/);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000;
}

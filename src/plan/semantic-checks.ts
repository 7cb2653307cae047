/**
 * Rules that relate fields and records to each other. They read the raw (unvalidated) data through
 * raw-access.ts, skipping anything the schema will already complain about, so one broken field does
 * not hide unrelated mistakes elsewhere in the file.
 */
import { z } from 'zod';
import { zIsoDate } from '../domain/numbers/iso-date.ts';
import { zNumberLike } from '../domain/numbers/zod-number.ts';
import { KPI_DIRECTIONS, KR_KINDS, OBJECTIVE_LEVELS } from '../domain/vocabulary.ts';
import { field, type Path, type RawRecord, readAs, records } from './raw-access.ts';
import { zRef } from './schema.ts';

export interface RawIssue {
  path: Path;
  message: string;
}

type RefKind = 'objective' | 'key result' | 'KPI';
interface RefOwner {
  kind: RefKind;
  path: Path;
}

const NUMBER = zNumberLike();
const DATE = zIsoDate();
const REF = zRef();
const LEVEL = z.enum(OBJECTIVE_LEVELS);
const KR_KIND = z.enum(KR_KINDS);
const DIRECTION = z.enum(KPI_DIRECTIONS);

export function semanticChecks(raw: unknown): RawIssue[] {
  const issues: RawIssue[] = [];
  const report = (path: Path, message: string) => issues.push({ path, message });

  const cycle = checkCycle(field(raw, 'cycle'), report);
  const teamNames = checkTeams(records(field(raw, 'teams')), report);
  const refs = collectRefs(raw, report);
  const objectives = records(field(raw, 'objectives'));

  objectives.forEach((objective, i) => {
    const path: Path = ['objectives', i];
    checkObjectiveTeam(objective, path, teamNames, report);
    checkParentExists(objective, path, refs, report);
    records(objective['key_results']).forEach((kr, j) => {
      checkKeyResult(kr, [...path, 'key_results', j], cycle, report);
    });
  });
  checkParentLoops(objectives, report);

  records(field(raw, 'kpis')).forEach((kpi, k) => {
    const path: Path = ['kpis', k];
    const team = text(kpi['team']);
    if (team !== undefined && !teamNames.has(team)) report([...path, 'team'], unknownTeam(team, teamNames));
    checkKpiThresholds(kpi, path, report);
  });

  records(field(raw, 'risks')).forEach((risk, r) => {
    checkRiskLinks(risk, ['risks', r], refs, report);
  });
  return issues;
}

type Report = (path: Path, message: string) => void;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

interface CycleDates {
  start: string;
  end: string;
}

function checkCycle(cycle: unknown, report: Report): CycleDates | undefined {
  const start = readAs(DATE, field(cycle, 'start'));
  const end = readAs(DATE, field(cycle, 'end'));
  if (start === undefined || end === undefined) return undefined;
  if (end < start) {
    report(['cycle', 'end'], `the cycle ends (${end}) before it starts (${start})`);
    return undefined;
  }
  return { start, end };
}

function checkTeams(teams: RawRecord[], report: Report): Set<string> {
  const names = new Map<string, number>();
  teams.forEach((team, i) => {
    const name = text(team['name']);
    if (!name) return;
    const first = names.get(name);
    if (first !== undefined)
      report(['teams', i, 'name'], `team "${name}" is listed twice (first as teams[${first}])`);
    else names.set(name, i);
  });
  return new Set(names.keys());
}

function collectRefs(raw: unknown, report: Report): Map<string, RefOwner> {
  const refs = new Map<string, RefOwner>();
  const claim = (value: unknown, kind: RefKind, path: Path) => {
    const ref = readAs(REF, value);
    if (ref === undefined) return;
    const owner = refs.get(ref);
    if (owner) {
      report(
        [...path, 'ref'],
        `ref "${ref}" is already used by another ${owner.kind}; refs must be unique in the plan`,
      );
    } else refs.set(ref, { kind, path });
  };
  records(field(raw, 'objectives')).forEach((objective, i) => {
    claim(objective['ref'], 'objective', ['objectives', i]);
    records(objective['key_results']).forEach((kr, j) => {
      claim(kr['ref'], 'key result', ['objectives', i, 'key_results', j]);
    });
  });
  records(field(raw, 'kpis')).forEach((kpi, k) => {
    claim(kpi['ref'], 'KPI', ['kpis', k]);
  });
  return refs;
}

function unknownTeam(name: string, teams: Set<string>): string {
  const known = teams.size > 0 ? `known teams: ${[...teams].join(', ')}` : 'the plan lists no teams';
  return `there is no team named "${name}" (${known})`;
}

function checkObjectiveTeam(objective: RawRecord, path: Path, teams: Set<string>, report: Report): void {
  const level = readAs(LEVEL, objective['level']);
  const team = text(objective['team']);
  if (team) {
    if (!teams.has(team)) report([...path, 'team'], unknownTeam(team, teams));
  } else if (level === 'team') {
    report([...path, 'team'], 'a team objective must name its team (add team: <name from teams>)');
  }
}

function checkParentExists(
  objective: RawRecord,
  path: Path,
  refs: Map<string, RefOwner>,
  report: Report,
): void {
  const parent = readAs(REF, objective['parent']);
  if (parent === undefined) return;
  const target = refs.get(parent);
  if (!target)
    report([...path, 'parent'], `parent "${parent}" does not match the ref of any objective in the plan`);
  else if (target.kind !== 'objective') {
    report([...path, 'parent'], `parent "${parent}" is a ${target.kind}; a parent must be an objective`);
  } else if (readAs(REF, objective['ref']) === parent)
    report([...path, 'parent'], 'an objective cannot be its own parent');
}

/** Follow parent links from every objective; a chain that comes back to itself is reported once. */
function checkParentLoops(objectives: RawRecord[], report: Report): void {
  const parentOf = new Map<string, string>();
  const indexOf = new Map<string, number>();
  objectives.forEach((objective, i) => {
    const ref = readAs(REF, objective['ref']);
    const parent = readAs(REF, objective['parent']);
    if (ref === undefined) return;
    if (!indexOf.has(ref)) indexOf.set(ref, i);
    if (parent !== undefined && parent !== ref) parentOf.set(ref, parent);
  });
  const reported = new Set<string>();
  for (const start of parentOf.keys()) {
    const chain: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = parentOf.get(current);
    }
    if (current === undefined) continue;
    const loop = chain.slice(chain.indexOf(current));
    const key = [...loop].sort().join('\u0000');
    if (reported.has(key)) continue;
    reported.add(key);
    // Report at the loop member that appears first in the file, and start the description there.
    const first = loop.reduce((a, b) => ((indexOf.get(a) ?? 0) <= (indexOf.get(b) ?? 0) ? a : b));
    const rotated = [...loop.slice(loop.indexOf(first)), ...loop.slice(0, loop.indexOf(first)), first];
    report(
      ['objectives', indexOf.get(first) ?? 0, 'parent'],
      `parent links form a loop: ${rotated.join(' → ')}; an objective cannot (indirectly) be its own parent`,
    );
  }
}

function checkKeyResult(kr: RawRecord, path: Path, cycle: CycleDates | undefined, report: Report): void {
  const kind = readAs(KR_KIND, kr['kind']);
  const start = readAs(NUMBER, kr['start']);
  const target = readAs(NUMBER, kr['target']);
  const hasMilestones = Array.isArray(kr['milestones']) && kr['milestones'].length > 0;

  if (kind === 'increase' || kind === 'decrease') {
    if (kr['start'] === undefined) {
      report(
        [...path, 'start'],
        `an ${kind} key result needs a start value: progress is measured from start to target`,
      );
    }
    if (kr['target'] === undefined) report([...path, 'target'], `an ${kind} key result needs a target value`);
    if (start !== undefined && target !== undefined) {
      if (target === start) {
        report(
          [...path, 'target'],
          `target equals start (${start}), so there is no distance to cover and progress cannot be measured; ` +
            'to hold a level use kind stay_above or stay_below',
        );
      } else if (kind === 'increase' && target < start) {
        report(
          [...path, 'target'],
          `target (${target}) is below start (${start}) but kind is increase; use kind: decrease or swap start and target`,
        );
      } else if (kind === 'decrease' && target > start) {
        report(
          [...path, 'target'],
          `target (${target}) is above start (${start}) but kind is decrease; use kind: increase or swap start and target`,
        );
      }
    }
  }
  if ((kind === 'stay_above' || kind === 'stay_below') && kr['target'] === undefined) {
    const side = kind === 'stay_above' ? 'at or above' : 'at or below';
    report(
      [...path, 'target'],
      `a ${kind} key result needs a target: the threshold the value must stay ${side}`,
    );
  }
  if (kind === 'boolean' || kind === 'milestone') {
    const why =
      kind === 'boolean'
        ? 'a boolean key result is simply done or not done (check in 1 for done, 0 for not yet)'
        : 'a milestone key result measures progress by its milestones';
    for (const key of ['start', 'target'] as const) {
      if (kr[key] !== undefined) report([...path, key], `${why}; remove ${key}`);
    }
  }
  if (kind === 'milestone' && !hasMilestones) {
    report(
      [...path, 'milestones'],
      'a milestone key result needs at least one milestone (milestones: [{ title: … }])',
    );
  }
  if (kind !== undefined && kind !== 'milestone' && hasMilestones) {
    report(
      [...path, 'milestones'],
      `milestones are only for kind milestone; this key result is kind ${kind}`,
    );
  }
  records(kr['check_ins']).forEach((checkIn, c) => {
    const checkInPath: Path = [...path, 'check_ins', c];
    const date = readAs(DATE, checkIn['date']);
    if (date !== undefined && cycle && (date < cycle.start || date > cycle.end)) {
      report(
        [...checkInPath, 'date'],
        `check-in date ${date} is outside the cycle (${cycle.start} to ${cycle.end})`,
      );
    }
    const value =
      checkIn['value'] === true || checkIn['value'] === false ? undefined : readAs(NUMBER, checkIn['value']);
    if (kind === 'boolean' && value !== undefined && value !== 0 && value !== 1) {
      report(
        [...checkInPath, 'value'],
        `a boolean key result checks in 1 (done) or 0 (not yet), not ${value}`,
      );
    }
  });
}

function checkKpiThresholds(kpi: RawRecord, path: Path, report: Report): void {
  const direction = readAs(DIRECTION, kpi['direction']);
  const green = readAs(NUMBER, kpi['green']);
  const amber = readAs(NUMBER, kpi['amber']);
  if (direction === undefined || green === undefined || amber === undefined) return;
  if (direction === 'higher_is_better' && green < amber) {
    report(
      [...path, 'amber'],
      `with higher_is_better the green threshold (${green}) must be at least the amber one (${amber}): ` +
        'values at or above green are green, at or above amber are amber, below amber red',
    );
  }
  if (direction === 'lower_is_better' && green > amber) {
    report(
      [...path, 'amber'],
      `with lower_is_better the green threshold (${green}) must be at most the amber one (${amber}): ` +
        'values at or below green are green, at or below amber are amber, above amber red',
    );
  }
}

const RISK_LINKS = [
  ['objective', 'objective'],
  ['key_result', 'key result'],
  ['kpi', 'KPI'],
] as const;

function checkRiskLinks(risk: RawRecord, path: Path, refs: Map<string, RefOwner>, report: Report): void {
  const given = RISK_LINKS.filter(([key]) => risk[key] !== undefined);
  if (given.length > 1) {
    report(
      [...path, given[1]?.[0] ?? 'objective'],
      `a risk links to one thing at most; it names ${given.map(([key]) => key).join(' and ')}`,
    );
  }
  for (const [key, kind] of given) {
    const ref = readAs(REF, risk[key]);
    if (ref === undefined) continue;
    const target = refs.get(ref);
    if (!target) report([...path, key], `no ${kind} in the plan has ref "${ref}"`);
    else if (target.kind !== kind) report([...path, key], `"${ref}" is a ${target.kind}, not a ${kind}`);
  }
}

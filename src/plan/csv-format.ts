/**
 * The CSV flavour of the plan file, for PMOs who live in spreadsheets. Four files:
 *
 * key_results.csv  one row per key result, carrying its objective, team and cycle
 * check_ins.csv    one row per check-in, pointing at its key result by kr_ref
 * kpis.csv         one row per KPI
 * kpi_readings.csv one row per KPI reading, pointing at its KPI by kpi_ref
 *
 * See CSV_FORMAT_DOC below for the rules people need to know.
 */

export const CSV_FILES = {
  keyResults: 'key_results.csv',
  checkIns: 'check_ins.csv',
  kpis: 'kpis.csv',
  kpiReadings: 'kpi_readings.csv',
} as const;

export type CsvFileKey = keyof typeof CSV_FILES;

/** The documented columns first; the last three are optional extras that make the CSV lossless for teams. */
export const KEY_RESULT_COLUMNS = [
  'cycle_name',
  'cycle_start',
  'cycle_end',
  'team',
  'team_channel',
  'objective_ref',
  'objective_title',
  'objective_level',
  'objective_owner',
  'objective_parent',
  'kr_ref',
  'kr_title',
  'kr_owner',
  'kr_kind',
  'kr_start',
  'kr_target',
  'kr_unit',
  'kr_weight',
  'kr_curve',
  'kr_milestones',
  'objective_description',
  'team_members',
  'team_leader',
] as const;

export const CHECK_IN_COLUMNS = ['kr_ref', 'date', 'value', 'confidence', 'comment'] as const;
/** A KPI's fields in the order plan files write them (YAML keys; CSV columns after kpi_ref). */
export const KPI_FIELDS = [
  'title',
  'owner',
  'team',
  'unit',
  'direction',
  'target',
  'green',
  'amber',
  'cadence',
] as const;
export const KPI_COLUMNS = ['kpi_ref', ...KPI_FIELDS] as const;
export const KPI_READING_COLUMNS = ['kpi_ref', 'date', 'value'] as const;

/** Columns a file must have; any other documented column may be left out entirely. */
export const REQUIRED_COLUMNS: Record<CsvFileKey, readonly string[]> = {
  keyResults: [
    'cycle_name',
    'cycle_start',
    'cycle_end',
    'objective_title',
    'objective_level',
    'objective_owner',
  ],
  checkIns: ['kr_ref', 'date', 'value'],
  kpis: ['title', 'owner', 'direction', 'target', 'green', 'amber'],
  kpiReadings: ['kpi_ref', 'date', 'value'],
};

export const ALL_COLUMNS: Record<CsvFileKey, readonly string[]> = {
  keyResults: KEY_RESULT_COLUMNS,
  checkIns: CHECK_IN_COLUMNS,
  kpis: KPI_COLUMNS,
  kpiReadings: KPI_READING_COLUMNS,
};

/** README-ready description of the CSV format. */
export const CSV_FORMAT_DOC = `\
### CSV plan files

A plan can be exported to and imported from four CSV files. The first row of each file names the
columns (any order; unknown columns are an error). Empty cells mean "not set". Numbers may be
written the way people type them (1,250 · 15% · 3.5k · $12,000). Dates are YYYY-MM-DD.

**key_results.csv** — one row per key result.

| column | meaning |
|---|---|
| cycle_name, cycle_start, cycle_end | the quarter; repeat on every row (must agree) or fill only the first row |
| team | team of the objective (required for level team); declares the team |
| team_channel | Slack channel id of the team (C… or G…) |
| objective_ref | ref of the objective; rows with the same ref belong to the same objective |
| objective_title, objective_level, objective_owner | level is company, team or personal; owner is a Slack user id (U… or W…) |
| objective_parent | ref of the parent objective |
| kr_ref | ref of the key result (needed when check_ins.csv refers to it) |
| kr_title, kr_owner, kr_kind | kind is increase, decrease, stay_above, stay_below, boolean or milestone |
| kr_start, kr_target, kr_unit, kr_weight | numbers; weight is optional and > 0 |
| kr_curve | linear, back_loaded or front_loaded (optional) |
| kr_milestones | milestone key results only: \`Design:1:done\\|Build:2\\|Launch\` |
| objective_description, team_members, team_leader | optional extras: members are user ids separated by spaces |

- An objective without key results is a row with the kr_ columns empty.
- A row whose objective columns are all empty continues the objective of the row above
  (handy for merged cells); a row with only team columns declares a team with no objectives.
- Values repeated on several rows of the same objective or team must agree.
- kr_milestones: milestones separated by \`|\`; each is \`title\`, optionally followed by \`:weight\`
  and/or \`:done\` (or \`:todo\`). Write \`\\|\`, \`\\:\` or \`\\\\\` for a literal \`|\`, \`:\` or \`\\\` in a title.
  Example: \`Design reviewed:1:done|Beta:2|GA:2\`.

**check_ins.csv** — \`kr_ref,date,value,confidence,comment\`: confidence is 0–10 (\`7\` or \`7/10\`).

**kpis.csv** — \`kpi_ref,title,owner,team,unit,direction,target,green,amber,cadence\`: direction is
higher_is_better (green ≥ amber) or lower_is_better (green ≤ amber); cadence weekly or monthly.

**kpi_readings.csv** — \`kpi_ref,date,value\`.

Risks are YAML-only. On export, objectives, key results and KPIs without a ref get a stable
generated one (objective: from its title; key result: \`<objective-ref>-kr<n>\`; KPI: \`kpi-<title-slug>\`).
Problems are reported as \`key_results.csv line 4, column kr_target: expected a number\`.
`;

// The portfolio digest: pure model and its helpers.
export {
  changeSince,
  composeDigest,
  emptyCounts,
  MOVER_THRESHOLD,
  scopeLabel,
  TOP_RISKS,
  transitionLabel,
} from './compose.ts';
export { cycleWeekCount, cycleWeekEnds, cycleWeekOf } from './cycle-weeks.ts';
export {
  type DigestPosts,
  type DigestTop,
  splitDigest,
  THREAD_LIST_MAX,
  THREAD_PAGE_LINES,
  type ThreadLine,
  type ThreadPage,
  TOP_OBJECTIVES,
  TOP_WORSENED,
} from './posts.ts';
export {
  type KeyResultFigures,
  progressFromFigures,
  type RollupKeyResult,
  type RollupObjective,
  rollupProgress,
  valuesAt,
} from './progress.ts';
export {
  DAY_NAMES,
  DEFAULT_DIGEST_DAY,
  DEFAULT_DIGEST_TIME,
  DIGEST_CADENCES,
  type DigestCadence,
  type DigestSchedule,
  dayName,
  describeSchedule,
  digestPeriod,
  isDigestDue,
  parseDay,
  parseTime,
  scheduledMoment,
} from './schedule.ts';
export { parseSnapshot } from './snapshot.ts';
export type * from './types.ts';

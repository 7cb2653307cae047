// Every feature Okra offers. Help lists their commands in this order.
import { cycles } from './cycles.ts';
import { digests } from './digests.ts';
import { exportPlan } from './export.ts';
import type { Feature } from './feature.ts';
import { keyResults } from './key-results.ts';
import { kpis } from './kpis.ts';
import { objectives } from './objectives.ts';
import { risks } from './risks.ts';
import { roles } from './roles.ts';
import { settings } from './settings.ts';
import { teams } from './teams.ts';
import { tree } from './tree.ts';
import { update } from './update.ts';

export const FEATURES: readonly Feature[] = [
  tree,
  cycles,
  teams,
  objectives,
  keyResults,
  kpis,
  update,
  risks,
  settings,
  roles,
  digests,
  exportPlan,
];

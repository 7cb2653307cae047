// The shape of the demo's objectives and key results, and a short way to write one key result per line.
export interface DemoKeyResult {
  ref: string;
  title: string;
  owner: string;
  kind: 'increase' | 'decrease' | 'stay_above' | 'stay_below' | 'boolean' | 'milestone';
  start?: number;
  target?: number;
  unit?: string;
  curve?: 'linear' | 'back_loaded' | 'front_loaded';
  milestones?: string[];
  /** 1 = on plan; below 0.95 the owner is less sure. A yes/no key result with pace 1 was done by week 4. */
  pace: number;
}

export interface DemoObjective {
  ref: string;
  title: string;
  level: 'company' | 'team';
  team?: string;
  owner: string;
  parent?: string;
  keyResults: DemoKeyResult[];
}

export const kr = (
  ref: string,
  title: string,
  owner: { id: string },
  kind: DemoKeyResult['kind'],
  shape: Omit<DemoKeyResult, 'ref' | 'title' | 'owner' | 'kind' | 'pace'> = {},
  pace = 1,
): DemoKeyResult => ({
  ref,
  title,
  owner: owner.id,
  kind,
  // The PMO chose each curve: straight-line unless the key result says otherwise.
  ...(kind.startsWith('stay_') || kind === 'boolean'
    ? {}
    : { curve: kind === 'milestone' ? 'back_loaded' : 'linear' }),
  ...shape,
  pace,
});

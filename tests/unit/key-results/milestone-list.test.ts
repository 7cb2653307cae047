import { describe, expect, it } from 'vitest';
import { parseMilestoneList } from '../../../src/services/key-results.ts';

describe('parseMilestoneList', () => {
  it.each([
    [
      'reads a command-line list separated by bars, with optional :weight',
      'Design | Build:2 | Launch',
      [
        ['Design', 1],
        ['Build', 2],
        ['Launch', 1],
      ],
    ],
    [
      'reads one milestone per line as typed in the form, keeping bars inside titles',
      'Design\n\nBuild : 2.5\r\nA | B test',
      [
        ['Design', 1],
        ['Build', 2.5],
        ['A | B test', 1],
      ],
    ],
    [
      'keeps a colon that is not followed by a number in the title',
      'Phase 2: pilot | Phase 3: rollout:3',
      [
        ['Phase 2: pilot', 1],
        ['Phase 3: rollout', 3],
      ],
    ],
  ] as Array<[string, string, Array<[string, number]>]>)('%s: %j', (_, text, milestones) => {
    const items = milestones.map(([title, weight]) => ({ title, weight }));
    expect(parseMilestoneList(text)).toEqual({ ok: true, items });
  });

  it('refuses weights that are zero, negative or ambiguous, naming the milestone', () => {
    const zero = parseMilestoneList('Design | Build:0');
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect(zero.error).toContain('Milestone 2 ("Build")');
    const ambiguous = parseMilestoneList('Build:1,5');
    expect(ambiguous.ok).toBe(false);
    if (!ambiguous.ok) expect(ambiguous.error).toContain('ambiguous');
  });

  it('refuses an empty list, a milestone without a title, and overly long lists', () => {
    expect(parseMilestoneList(' | ').ok).toBe(false);
    const untitled = parseMilestoneList('Design | :2');
    expect(untitled).toEqual({ ok: false, error: 'Milestone 2 has no title.' });
    expect(parseMilestoneList(Array.from({ length: 31 }, (_, i) => `Step ${i}`).join('|')).ok).toBe(false);
  });
});

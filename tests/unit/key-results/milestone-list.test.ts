import { describe, expect, it } from 'vitest';
import { parseMilestoneList } from '../../../src/services/key-results.ts';

describe('parseMilestoneList', () => {
  it('reads a command-line list separated by bars, with optional :weight', () => {
    expect(parseMilestoneList('Design | Build:2 | Launch')).toEqual({
      ok: true,
      items: [
        { title: 'Design', weight: 1 },
        { title: 'Build', weight: 2 },
        { title: 'Launch', weight: 1 },
      ],
    });
  });

  it('reads one milestone per line as typed in the form, keeping bars inside titles', () => {
    expect(parseMilestoneList('Design\n\nBuild : 2.5\r\nA | B test')).toEqual({
      ok: true,
      items: [
        { title: 'Design', weight: 1 },
        { title: 'Build', weight: 2.5 },
        { title: 'A | B test', weight: 1 },
      ],
    });
  });

  it('keeps a colon that is not followed by a number in the title', () => {
    expect(parseMilestoneList('Phase 2: pilot | Phase 3: rollout:3')).toEqual({
      ok: true,
      items: [
        { title: 'Phase 2: pilot', weight: 1 },
        { title: 'Phase 3: rollout', weight: 3 },
      ],
    });
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

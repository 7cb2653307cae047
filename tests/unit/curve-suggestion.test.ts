import { describe, expect, it } from 'vitest';
import { curveChoiceNote, suggestCurve } from '../../src/domain/curve-suggestion.ts';

describe('suggesting a planned curve', () => {
  it('suggests back-loaded for launch-like titles and milestones, naming the word', () => {
    expect(suggestCurve({ title: 'Launch self-serve checkout' })).toEqual({
      curve: 'back_loaded',
      because: 'the title mentions "Launch"',
    });
    expect(suggestCurve({ title: 'Go live in Germany' })?.curve).toBe('back_loaded');
    expect(suggestCurve({ title: 'Sign the enterprise contract' })?.curve).toBe('back_loaded');
    expect(
      suggestCurve({ title: 'Partner portal', milestones: [{ title: 'Design' }, { title: 'GA release' }] }),
    ).toEqual({
      curve: 'back_loaded',
      because: 'a milestone mentions "GA"',
    });
  });

  it('suggests nothing for steady metrics, and does not match parts of words', () => {
    expect(suggestCurve({ title: 'Grow weekly active teams to 400' })).toBeNull();
    expect(suggestCurve({ title: 'Improve relationship scores' })).toBeNull();
    expect(suggestCurve({ title: 'Reduce shipping costs by 10%' })).toBeNull();
  });

  it('offers the choice, with the suggestion first when there is one', () => {
    const how = (curve: string) => `\`--curve ${curve}\``;
    expect(curveChoiceNote({ title: 'Launch the app' }, how)).toContain(
      'This looks like a launch (the title mentions "Launch"): if most of it lands late, make it back-loaded with `--curve back_loaded`',
    );
    const plain = curveChoiceNote({ title: 'Grow revenue' }, how);
    expect(plain).toContain('Okra assumes steady, straight-line progress');
    expect(plain).toContain(
      '`--curve back_loaded` (most progress late), `--curve front_loaded` (most progress early)',
    );
  });
});

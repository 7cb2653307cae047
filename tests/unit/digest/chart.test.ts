import { describe, expect, it } from 'vitest';
import { chartAltText, digestChartSvg, renderDigestChart } from '../../../src/charts/digest-chart.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const data = {
  title: '2026 Q1 · everything',
  weeks: Array.from({ length: 13 }, (_, i) => ({
    label: `W${i + 1}`,
    actual: i < 6 ? i * 0.06 : null,
    expected: (i + 1) / 13,
    counts: i < 6 ? { on_track: 10 - i, at_risk: i, off_track: Math.floor(i / 2) } : null,
  })),
};

describe('digest chart', () => {
  it('renders a PNG of a non-trivial size', () => {
    const image = renderDigestChart(data);
    expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(image.png.length).toBeGreaterThan(10_000);
    // The IHDR chunk holds the width and height.
    expect(image.png.readUInt32BE(16)).toBe(image.width);
    expect(image.png.readUInt32BE(20)).toBe(image.height);
  });

  it('draws its labels with the shipped font, not whatever the machine has', () => {
    const svg = digestChartSvg(data);
    expect(svg).toContain('DejaVu Sans');
    expect(svg).toContain('Actual progress');
    expect(svg).toContain('W13');
  });

  it('is the same picture for the same data (apart from the per-instance class prefix)', () => {
    const normalised = () =>
      digestChartSvg(data)
        .replace(/zr\d+-cls-\d+/g, 'cls')
        .replace(/zr\d+-/g, 'zr-');
    expect(normalised()).toBe(normalised());
  });

  it('says in words what the chart shows', () => {
    expect(chartAltText(data)).toBe(
      '2026 Q1 · everything: line chart of actual portfolio progress against the expected line by week; ' +
        'actual 30% against 46.2% expected in W6 (from 0% in W1); with bars of status counts per week; ' +
        'latest: 5 on track, 5 at risk, 2 off track.',
    );
  });

  it('renders an empty cycle without failing', () => {
    const image = renderDigestChart({ title: 'Empty', weeks: [] });
    expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(chartAltText({ title: 'Empty', weeks: [] })).toContain('Empty');
  });
});

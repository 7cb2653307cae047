// The digest's chart as a PNG, drawn on the server: ECharts renders SVG without a DOM, resvg rasterises it.
// Text needs a font, and a fresh server may have none: the DejaVu Sans files shipped in the
// `dejavu-fonts-ttf` npm package are loaded explicitly and system fonts are never consulted, so labels
// look the same everywhere (and never silently vanish).
//
// Both libraries are loaded on the first chart drawn, not when Okra starts: ECharts alone is some 40 MB of
// resident memory, and most processes (and most hours of a server) draw no chart. They are required, so
// drawing stays synchronous; `require('echarts')` is ECharts' own CommonJS build of the same version.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as Resvg from '@resvg/resvg-js';
import type * as ECharts from 'echarts';

export interface ChartWeek {
  /** Axis label, e.g. W3. */
  label: string;
  /** Portfolio progress at the end of that week, 0..1; null for weeks still to come. */
  actual: number | null;
  /** What the plan expected at the end of that week, 0..1. */
  expected: number;
  /** Status counts seen that week (from that week's digest), or null when none was taken. */
  counts: { on_track: number; at_risk: number; off_track: number } | null;
}

export interface DigestChartData {
  title: string;
  weeks: readonly ChartWeek[];
}

export interface ChartImage {
  png: Buffer;
  /** Says what the picture shows, for screen readers and Slack's alt_txt. */
  altText: string;
  width: number;
  height: number;
}

const WIDTH = 800;
const HEIGHT = 460;
const FONT_FAMILY = 'DejaVu Sans';
const COLOURS = { actual: '#1d6fd8', expected: '#8a8f98', on: '#2e9e5b', risk: '#e0a100', off: '#d64545' };

const require = createRequire(import.meta.url);
let libraries: { echarts: typeof ECharts; Resvg: typeof Resvg.Resvg } | undefined;
function chartLibraries() {
  libraries ??= {
    echarts: require('echarts') as typeof ECharts,
    Resvg: (require('@resvg/resvg-js') as typeof Resvg).Resvg,
  };
  return libraries;
}
const fontDir = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
const FONT_FILES = [join(fontDir, 'DejaVuSans.ttf'), join(fontDir, 'DejaVuSans-Bold.ttf')];

const pct = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** The chart as SVG text (pure: the same data gives the same SVG). */
export function digestChartSvg(data: DigestChartData): string {
  const chart = chartLibraries().echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: WIDTH,
    height: HEIGHT,
  });
  try {
    const labels = data.weeks.map((week) => week.label);
    const count = (key: 'on_track' | 'at_risk' | 'off_track') =>
      data.weeks.map((week) => (week.counts ? week.counts[key] : null));
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      title: { text: data.title, left: 16, top: 8, textStyle: { fontSize: 15, fontFamily: FONT_FAMILY } },
      legend: { top: 34, left: 16, itemGap: 20, textStyle: { fontFamily: FONT_FAMILY } },
      grid: [
        { left: 56, right: 24, top: 70, height: 200 },
        { left: 56, right: 24, top: 320, height: 100 },
      ],
      xAxis: [
        { type: 'category', data: labels, gridIndex: 0, boundaryGap: false },
        { type: 'category', data: labels, gridIndex: 1 },
      ],
      yAxis: [
        { type: 'value', min: 0, max: 100, gridIndex: 0, axisLabel: { formatter: '{value}%' } },
        { type: 'value', gridIndex: 1, minInterval: 1, name: 'items', nameGap: 8 },
      ],
      series: [
        {
          name: 'Actual progress',
          type: 'line',
          data: data.weeks.map((week) => pct(week.actual)),
          lineStyle: { width: 3, color: COLOURS.actual },
          itemStyle: { color: COLOURS.actual },
          xAxisIndex: 0,
          yAxisIndex: 0,
        },
        {
          name: 'Expected',
          type: 'line',
          data: data.weeks.map((week) => pct(week.expected)),
          lineStyle: { width: 2, type: 'dashed', color: COLOURS.expected },
          itemStyle: { color: COLOURS.expected },
          symbol: 'none',
          xAxisIndex: 0,
          yAxisIndex: 0,
        },
        ...(
          [
            ['On track', 'on_track', COLOURS.on],
            ['At risk', 'at_risk', COLOURS.risk],
            ['Off track', 'off_track', COLOURS.off],
          ] as const
        ).map(([name, key, color]) => ({
          name,
          type: 'bar' as const,
          stack: 'status',
          data: count(key),
          itemStyle: { color },
          xAxisIndex: 1,
          yAxisIndex: 1,
        })),
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes with its alt text. */
export function renderDigestChart(data: DigestChartData): ChartImage {
  const svg = digestChartSvg(data);
  const png = new (chartLibraries().Resvg)(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: 'original' },
  })
    .render()
    .asPng();
  return { png, altText: chartAltText(data), width: WIDTH, height: HEIGHT };
}

/** One sentence a screen reader can say instead of the picture: the latest figures and the trend. */
export function chartAltText(data: DigestChartData): string {
  const measured = data.weeks.filter((week) => week.actual !== null);
  const last = measured.at(-1);
  const first = measured[0];
  const latestCounts = [...data.weeks].reverse().find((week) => week.counts !== null)?.counts;
  const parts = [`${data.title}: line chart of actual portfolio progress against the expected line by week`];
  if (last && first) {
    parts.push(
      `actual ${pct(last.actual)}% against ${pct(last.expected)}% expected in ${last.label}` +
        (first !== last ? ` (from ${pct(first.actual)}% in ${first.label})` : ''),
    );
  }
  parts.push('with bars of status counts per week');
  if (latestCounts) {
    parts.push(
      `latest: ${latestCounts.on_track} on track, ${latestCounts.at_risk} at risk, ${latestCounts.off_track} off track`,
    );
  }
  return `${parts.join('; ')}.`;
}

// A composed digest as what Slack receives: the top message, the thread replies and the chart file.
// Shared by the outbox renderers (scheduled and manual digests) and the private preview.
import { renderDigestChart } from '../../charts/digest-chart.ts';
import type { DigestModel } from '../../domain/digest/index.ts';

export interface DigestChartFile {
  filename: string;
  title: string;
  altText: string;
  bytes: Buffer;
}

export function digestChartFile(chart: DigestModel['chart'], period: string): DigestChartFile {
  const image = renderDigestChart(chart);
  return {
    filename: `okr-digest-${period.replace(/[^A-Za-z0-9-]/g, '-')}.png`,
    title: `Progress against plan: ${chart.title}`,
    altText: image.altText,
    bytes: image.png,
  };
}

// The digest's three kinds of notice: the top-level message, each thread reply and the chart, rendered at
// delivery time from the domain data the digest service queued.
import type { DigestModel, DigestTop, ThreadPage } from '../../domain/digest/index.ts';
import { digestChartFile } from '../digest/render.ts';
import { digestThreadMessage, digestTopMessage } from '../views/digest.ts';
import type { NoticeRenderer } from './types.ts';

export interface DigestChartPayload {
  period: string;
  chart: DigestModel['chart'];
}

function payloadOf<T>(payload: unknown, field: string): T {
  if (!payload || typeof payload !== 'object' || !(field in payload))
    throw new Error(`a digest notice without its ${field}`);
  return payload as T;
}

export const renderDigestTop: NoticeRenderer = (payload) =>
  digestTopMessage(payloadOf<DigestTop>(payload, 'header'));

export const renderDigestThread: NoticeRenderer = (payload) =>
  digestThreadMessage(payloadOf<ThreadPage>(payload, 'lines'));

export const renderDigestChart: NoticeRenderer = (payload) => {
  const { period, chart } = payloadOf<DigestChartPayload>(payload, 'chart');
  return { file: digestChartFile(chart, period) };
};

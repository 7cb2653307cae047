// Placeholder: filled by the kpis feature work.
import type { Feature } from './feature.ts';

export const kpis: Feature = { commands: [], forms: [] };

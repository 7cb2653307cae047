// Placeholder: filled by the export feature work.
import type { Feature } from './feature.ts';

export const exportPlan: Feature = { commands: [], forms: [] };

// Placeholder: filled by the objectives feature work.
import type { Feature } from './feature.ts';

export const objectives: Feature = { commands: [], forms: [] };

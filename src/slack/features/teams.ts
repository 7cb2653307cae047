// Placeholder: filled by the teams feature work.
import type { Feature } from './feature.ts';

export const teams: Feature = { commands: [], forms: [] };

// Placeholder: filled by the risks feature work.
import type { Feature } from './feature.ts';

export const risks: Feature = { commands: [], forms: [] };

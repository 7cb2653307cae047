// Placeholder: filled by the key-results feature work.
import type { Feature } from './feature.ts';

export const keyResults: Feature = { commands: [], forms: [] };

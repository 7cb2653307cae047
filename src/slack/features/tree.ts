// Placeholder: filled by the tree feature work.
import type { Feature } from './feature.ts';

export const tree: Feature = { commands: [], forms: [] };

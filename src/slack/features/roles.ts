// Placeholder: filled by the roles feature work.
import type { Feature } from './feature.ts';

export const roles: Feature = { commands: [], forms: [] };

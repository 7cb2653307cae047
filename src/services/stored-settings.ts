// A workspace's stored settings (JSON on the Workspace row) as the status engine's settings. Read by every
// evaluation; written by /okr settings (workspace-settings.ts).
import {
  DEFAULT_STATUS_SETTINGS,
  resolveStatusSettings,
  type StatusSettings,
} from '../domain/status/settings.ts';

const SETTING_NAMES = Object.keys(DEFAULT_STATUS_SETTINGS) as Array<keyof StatusSettings>;

export type Json = Record<string, unknown>;

/** The stored JSON as an object; anything unreadable counts as empty so a bad value never blocks a fix. */
export function settingsObject(settingsJson: string): Json {
  try {
    const parsed: unknown = JSON.parse(settingsJson);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Json) : {};
  } catch {
    return {};
  }
}

/** The stored threshold overrides, keeping only known names with values of the right type. */
export function storedOverrides(settingsJson: string): Partial<StatusSettings> {
  const status = settingsObject(settingsJson).status;
  if (!status || typeof status !== 'object') return {};
  const overrides: Partial<StatusSettings> = {};
  for (const name of SETTING_NAMES) {
    const value = (status as Json)[name];
    if (typeof value === typeof DEFAULT_STATUS_SETTINGS[name]) Object.assign(overrides, { [name]: value });
  }
  return overrides;
}

/** The thresholds in force: the documented defaults with this workspace's overrides. */
export function workspaceSettings(settingsJson: string): StatusSettings {
  return resolveStatusSettings(storedOverrides(settingsJson));
}

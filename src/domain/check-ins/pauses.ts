// Pauses: "no check-ins for me until 2027-02-10". A skipped week is a pause to that week's Sunday.
export interface PauseWindow {
  /** First local date paused (YYYY-MM-DD). */
  from: string;
  /** Last local date paused, inclusive. */
  until: string;
}

/** Whether a person living on `localDate` is paused. */
export function isPaused(pauses: readonly PauseWindow[], localDate: string): boolean {
  return pauses.some((pause) => pause.from <= localDate && localDate <= pause.until);
}

/** The last day a pause covers, for saying "paused until …"; null when not paused that day. */
export function pausedUntil(pauses: readonly PauseWindow[], localDate: string): string | null {
  const covering = pauses.filter((pause) => pause.from <= localDate && localDate <= pause.until);
  if (covering.length === 0) return null;
  return covering
    .map((pause) => pause.until)
    .sort()
    .at(-1)!;
}

// Calendar dates (YYYY-MM-DD) and the UTC-midnight Date values the database stores for them.
export function dateFromIso(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export function isoFromDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Minutes in an ISO-8601 `PT#H#M` duration (the only form the schemas accept). */
export function durationMinutes(iso: string): number {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  if (!m) return Number.NaN;
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

/** Identity Center accepts session durations from 1 to 12 hours. */
export const SESSION_MINUTES = { min: 60, max: 12 * 60 } as const;

export function isSessionDurationInRange(iso: string): boolean {
  const minutes = durationMinutes(iso);
  return minutes >= SESSION_MINUTES.min && minutes <= SESSION_MINUTES.max;
}

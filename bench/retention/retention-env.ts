/**
 * The settings that shrink every retention window of every service to
 * `windowS` seconds (the windows take fractions of hours and days) and sweep
 * every `sweepMs`: a soak then lives through many windows in minutes.
 */
export function retentionEnv(windowS: number, sweepMs: number): Record<string, string> {
  const hours = String(windowS / 3_600);
  return {
    INBOX_RETENTION_HOURS: hours,
    OUTBOX_ARCHIVE_RETENTION_HOURS: hours,
    IDEMPOTENCY_KEY_RETENTION_HOURS: hours,
    NOTIFICATION_RETENTION_DAYS: String(windowS / 86_400),
    RETENTION_SWEEP_MS: String(sweepMs),
  };
}

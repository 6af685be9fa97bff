// How long a probe may take, as the CLI's --timeout and the probeTimeoutSeconds setting give it:
// 1 to 600 seconds. Larger values would also overflow Node's timers (over 2^31-1 ms a timer fires
// after 1 ms, so every probe would "time out" at once).
export const PROBE_TIMEOUT_MIN_S = 1;
export const PROBE_TIMEOUT_MAX_S = 600;

/** Seconds within 1..600 (non-finite → the maximum for +Infinity, else the minimum). */
export function clampProbeTimeoutSeconds(s: number): number {
  if (Number.isNaN(s)) return PROBE_TIMEOUT_MIN_S;
  return Math.min(PROBE_TIMEOUT_MAX_S, Math.max(PROBE_TIMEOUT_MIN_S, s));
}

/** A --timeout flag's text as milliseconds within the bounds; null when it is not a positive number. */
export function parseTimeoutFlag(text: string): number | null {
  const s = Number(text);
  if (text.trim() === '' || Number.isNaN(s) || s <= 0) return null;
  return Math.round(clampProbeTimeoutSeconds(s) * 1000);
}

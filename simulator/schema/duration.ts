/**
 * Durations in scenario documents: "20s", "3m", "1h", "1m30s", a negative form such as "-2h"
 * (feed items posted before the run started), or a plain number of seconds.
 * Everything inside the engine is whole milliseconds.
 */
const DURATION = /^(-)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

export function parseDuration(value: string | number): number | null {
  if (typeof value === "number") {
    return Number.isFinite(value) ? Math.round(value * 1000) : null;
  }
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const match = DURATION.exec(text);
  if (!match || text === "" || text === "-") return null;
  const [, minus, hours, minutes, seconds] = match;
  if (hours === undefined && minutes === undefined && seconds === undefined) return null;
  const ms = (Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)) * 1000;
  return minus ? -ms : ms;
}

/** "1:05" style clock for debrief lines and counter-example paths. */
export function formatClock(ms: number): string {
  const sign = ms < 0 ? "-" : "";
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${sign}${minutes}:${String(seconds).padStart(2, "0")}`;
}

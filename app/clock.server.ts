import { env } from "./env.server";

// The one source of "now" for use cases: run clocks, certificate expiry, reminders.
// Browser tests move it forward through /test/clock (only when TEST_CLOCK is on), so
// time-dependent behaviour is tested without touching the machine's clock.

const state = globalThis as typeof globalThis & { __readyToPostClockOffsetMs?: number };

export function now(): Date {
  return new Date(Date.now() + (state.__readyToPostClockOffsetMs ?? 0));
}

export function testClockEnabled(): boolean {
  return env.TEST_CLOCK;
}

/** Moves the clock forward; refuses unless the test clock is on. */
export function advanceClock(milliseconds: number): Date {
  if (!env.TEST_CLOCK) throw new Error("The test clock is off");
  state.__readyToPostClockOffsetMs = (state.__readyToPostClockOffsetMs ?? 0) + milliseconds;
  return now();
}

/**
 * Runs `work` with the clock standing at `moment` (moving on from there as usual), then puts it
 * back. For the demo seed, which plays a council's past through the use cases themselves so
 * every date comes out as the app would have written it. The clock is the whole process's, so
 * this is only for setup, before the server takes requests.
 */
export async function asOf<T>(moment: Date, work: () => Promise<T>): Promise<T> {
  const kept = state.__readyToPostClockOffsetMs;
  state.__readyToPostClockOffsetMs = moment.getTime() - Date.now();
  try {
    return await work();
  } finally {
    state.__readyToPostClockOffsetMs = kept;
  }
}

// The simulated clock of a run, as the server keeps it on the run row. Pure, so the rules can be
// tested without a database: time = offset + (now - runningSince) while running, offset while
// paused. Assessed runs never pause, so their clock is real time since the start.

export interface RunClock {
  clockOffsetMs: number;
  /** When the clock last started running; null while paused. */
  clockRunningSince: Date | null;
}

/** Milliseconds of simulated time at the real moment `now`. */
export function simulatedMs(clock: RunClock, now: Date): number {
  if (clock.clockRunningSince === null) return clock.clockOffsetMs;
  return Math.max(
    clock.clockOffsetMs,
    clock.clockOffsetMs + Math.floor(now.getTime() - clock.clockRunningSince.getTime()),
  );
}

/** The clock stopped at `now`. */
export function paused(clock: RunClock, now: Date): RunClock {
  return { clockOffsetMs: simulatedMs(clock, now), clockRunningSince: null };
}

/** The clock running again from `now`, where it stopped. */
export function resumed(clock: RunClock, now: Date): RunClock {
  if (clock.clockRunningSince !== null) return clock;
  return { clockOffsetMs: clock.clockOffsetMs, clockRunningSince: now };
}

/** The clock moved on to simulated time `to`, still running or still paused. */
export function skippedTo(clock: RunClock, to: number, now: Date): RunClock {
  const at = Math.max(to, simulatedMs(clock, now));
  return { clockOffsetMs: at, clockRunningSince: clock.clockRunningSince === null ? null : now };
}

/** The real moment the simulated clock reads `ms`, or null when paused before it. */
export function realTimeOf(clock: RunClock, ms: number, now: Date): Date {
  if (clock.clockRunningSince === null) return now;
  const at = new Date(clock.clockRunningSince.getTime() + (ms - clock.clockOffsetMs));
  return at.getTime() > now.getTime() ? now : at;
}

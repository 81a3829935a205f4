// Play-testing a draft: a run in playtest mode (never counted) on an unpublished snapshot of the
// draft, started through the practice run service. A checker counter-example is replayed by
// driving that same service step by step: skip the clock to each moment something happens,
// and take each action then, exactly as a trainee would.

import { and, eq } from "drizzle-orm";
import { scenarioChecks } from "../../db/schema";
import type { PathStep } from "../../simulator";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { controlClock, startRun, takeAction } from "../practice/runs.server";
import { hashOf, playtestSnapshot } from "./scenarios.server";
import { type PlainStep, plainStep } from "./steps";

export type PlaytestResult = { ok: true; runId: string } | { ok: false; message: string };

export async function startPlaytest(
  user: SessionUser,
  scenarioId: string,
  revision: number,
): Promise<PlaytestResult> {
  const snapshot = await playtestSnapshot(user, scenarioId, revision);
  if (!snapshot.ok) return { ok: false, message: snapshot.message };
  const { runId } = await startRun({
    userId: user.id,
    scenarioVersionId: snapshot.versionId,
    mode: "playtest",
  });
  return { ok: true, runId };
}

export type ReplayResult =
  | { ok: true; runId: string; applied: number; total: number }
  | {
      ok: false;
      message: string;
      /** A play-test was started but a step could not be taken: follow the rest by hand. */
      runId?: string;
      remaining?: PlainStep[];
    };

/**
 * Starts a play-test of the draft and plays a checker failure's counter-example into it: the
 * run is paused, moved to each moment the path moves on by itself, and given each action then.
 * It stays paused where the path ends, so the trainer sees the problem.
 */
export async function replayFailure(
  user: SessionUser,
  scenarioId: string,
  revision: number,
  failureIndex: number,
): Promise<ReplayResult> {
  const snapshot = await playtestSnapshot(user, scenarioId, revision);
  if (!snapshot.ok) return { ok: false, message: snapshot.message };
  const [check] = await db
    .select({ failures: scenarioChecks.failures })
    .from(scenarioChecks)
    .where(
      and(
        eq(scenarioChecks.scenarioId, scenarioId),
        eq(scenarioChecks.hash, hashOf(snapshot.source)),
      ),
    );
  const failure = check?.failures[failureIndex];
  if (!failure || failure.path.length === 0) {
    return {
      ok: false,
      message:
        "That counter-example is not in the latest check of this draft. Run the check again, then replay it.",
    };
  }
  const { runId } = await startRun({
    userId: user.id,
    scenarioVersionId: snapshot.versionId,
    mode: "playtest",
  });
  const paused = await controlClock(user.id, runId, "pause");
  if (!paused.ok)
    return { ok: false, message: paused.reason, runId, remaining: failure.path.map(plainStep) };
  let at = paused.state.view.at;
  for (const [index, step] of failure.path.entries()) {
    const done = await takeStep(user, runId, step, at);
    if (!done.ok) {
      return {
        ok: false,
        runId,
        message: `The play-test was started and ${index} of ${failure.path.length} steps were played, but step ${index + 1} could not be: ${done.reason} Follow the rest by hand.`,
        remaining: failure.path.slice(index).map(plainStep),
      };
    }
    at = done.at;
  }
  return { ok: true, runId, applied: failure.path.length, total: failure.path.length };
}

async function takeStep(
  user: SessionUser,
  runId: string,
  step: PathStep,
  at: number,
): Promise<{ ok: true; at: number } | { ok: false; reason: string }> {
  if (step.kind === "time") {
    // Several timers can fire at one moment: skip only while the run is before the step.
    let now = at;
    for (let tries = 0; now < step.at && tries < 50; tries++) {
      const skipped = await controlClock(user.id, runId, "skip");
      if (!skipped.ok) {
        // The run ending at this step ("time runs out") is the step itself happening.
        return step.note === "time runs out" || skipped.reason === "The run has ended."
          ? { ok: true, at: step.at }
          : { ok: false, reason: skipped.reason };
      }
      now = skipped.state.view.at;
    }
    return { ok: true, at: now };
  }
  const { at: _at, ...action } = step.action;
  const taken = await takeAction(user.id, runId, action);
  return taken.ok ? { ok: true, at: taken.state.view.at } : { ok: false, reason: taken.reason };
}

// The scenario list a trainee practises from, their history of runs, and what the home page
// and lesson pages say about practice.
import { and, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { runs, scenarios, scenarioVersions } from "../../db/schema";
import type { Scenario } from "../../simulator";
import { now } from "../clock.server";
import { db } from "../db.server";
import { simulatedMs } from "./clock";
import { refreshRunSummary, scenarioOfVersion } from "./runs.server";

export type MyStatus =
  | { kind: "not-tried" }
  | { kind: "in-progress"; runId: string }
  | { kind: "passed"; score: number; maxScore: number; runId: string }
  | { kind: "awaiting-trainer"; runId: string }
  | { kind: "failed"; score: number; maxScore: number; runId: string };

/** Published scenarios with their current version's document, core first, then by title. */
async function publishedScenarios() {
  const rows = await db
    .select({
      id: scenarios.id,
      versionId: scenarioVersions.id,
      title: scenarioVersions.title,
      level: scenarioVersions.level,
    })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId))
    .where(and(eq(scenarios.status, "published"), isNotNull(scenarioVersions.publishedAt)))
    .orderBy(scenarioVersions.level, scenarioVersions.title);
  return Promise.all(
    rows.map(async (row) => ({ ...row, scenario: await scenarioOfVersion(row.versionId) })),
  );
}

/**
 * My runs that count (not play-tests), newest first. A run whose time ran out while nobody was
 * looking still says "running" on its row: bring those up to date first.
 */
async function myRuns(userId: string) {
  const select = () =>
    db
      .select({
        id: runs.id,
        scenarioId: runs.scenarioId,
        versionId: runs.scenarioVersionId,
        title: scenarioVersions.title,
        mode: runs.mode,
        status: runs.status,
        score: runs.score,
        maxScore: runs.maxScore,
        passMark: runs.passMark,
        startedAt: runs.startedAt,
        endedAt: runs.endedAt,
        clockOffsetMs: runs.clockOffsetMs,
        clockRunningSince: runs.clockRunningSince,
      })
      .from(runs)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, runs.scenarioVersionId))
      .where(and(eq(runs.userId, userId), ne(runs.mode, "playtest")))
      .orderBy(desc(runs.startedAt), desc(runs.id));
  const rows = await select();
  const at = now();
  let stale = false;
  for (const row of rows) {
    if (row.status !== "running") continue;
    const scenario = await scenarioOfVersion(row.versionId);
    if (simulatedMs(row, at) >= scenario.duration || mightHaveEnded(scenario, row, at)) {
      await refreshRunSummary(row.id);
      stale = true;
    }
  }
  return stale ? select() : rows;
}

/** A beat's timeout can end a run before its duration: check runs that have been left a while. */
function mightHaveEnded(
  scenario: Scenario,
  row: { clockOffsetMs: number; clockRunningSince: Date | null },
  at: Date,
) {
  const shortest = Math.min(
    ...scenario.beats.map((beat) => beat.timeout?.after ?? scenario.duration),
  );
  return row.clockRunningSince !== null && simulatedMs(row, at) >= shortest;
}

function statusFrom(history: Awaited<ReturnType<typeof myRuns>>): MyStatus {
  const running = history.find((run) => run.status === "running");
  if (running) return { kind: "in-progress", runId: running.id };
  const passed = history
    .filter((run) => run.status === "passed")
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0))[0];
  if (passed) {
    return {
      kind: "passed",
      score: passed.score ?? 0,
      maxScore: passed.maxScore ?? 0,
      runId: passed.id,
    };
  }
  const awaiting = history.find((run) => run.status === "awaiting-trainer");
  if (awaiting) return { kind: "awaiting-trainer", runId: awaiting.id };
  const failed = history.find((run) => run.status === "failed");
  if (failed) {
    return {
      kind: "failed",
      score: failed.score ?? 0,
      maxScore: failed.maxScore ?? 0,
      runId: failed.id,
    };
  }
  return { kind: "not-tried" };
}

/** The /practice page: scenarios open to me grouped by level, my status in each, my history. */
export async function practiceLibraryFor(userId: string) {
  const [published, history] = await Promise.all([publishedScenarios(), myRuns(userId)]);
  const entries = published.map(({ id, title, level, scenario }) => ({
    id,
    title,
    level: level === "advanced" ? ("advanced" as const) : ("core" as const),
    summary: scenario.summary,
    duration: scenario.duration,
    objectives: scenario.objectives,
    status: statusFrom(history.filter((run) => run.scenarioId === id)),
  }));
  return {
    core: entries.filter((entry) => entry.level === "core"),
    advanced: entries.filter((entry) => entry.level === "advanced"),
    history: history.map(
      ({ clockOffsetMs: _o, clockRunningSince: _r, versionId: _v, ...run }) => run,
    ),
  };
}

/** The home page's practice card: runs in progress, and the next scenario worth trying. */
export async function practiceHomeFor(userId: string) {
  const library = await practiceLibraryFor(userId);
  const all = [...library.core, ...library.advanced];
  const inProgress = library.history
    .filter((run) => run.status === "running")
    .map(({ id, title, mode }) => ({ id, title, mode }));
  const next =
    all.find((entry) => entry.status.kind === "not-tried") ??
    all.find((entry) => entry.status.kind === "failed") ??
    null;
  return {
    inProgress,
    next: next ? { id: next.id, title: next.title, summary: next.summary } : null,
    passed: all.filter((entry) => entry.status.kind === "passed").length,
    total: all.length,
  };
}

/** Published scenarios whose objectives name this lesson, for "Practise it" on the lesson page. */
export async function scenariosForLesson(lessonId: string) {
  const rows = await db
    .select({ id: scenarios.id, title: scenarioVersions.title })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId))
    .where(
      and(
        eq(scenarios.status, "published"),
        isNotNull(scenarioVersions.publishedAt),
        sql`${scenarioVersions.document} -> 'objectives' @> ${JSON.stringify([{ lesson: lessonId }])}::jsonb`,
      ),
    )
    .orderBy(scenarioVersions.title);
  return rows;
}

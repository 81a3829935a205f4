// The run service. A run is (scenario version, seed, start) plus its append-only actions; the
// server is the only authority on its time, score and outcome: every view is the simulator's
// replay of the stored actions at the server's simulated time. Nothing here is kept in memory
// for correctness (parsed scenarios are cached by version id, which never changes).
import { randomBytes } from "node:crypto";
import { and, asc, eq, exists, or, type SQL, sql } from "drizzle-orm";
import type { Queryable, Transaction } from "../../db/client";
import type { Role } from "../../db/roles";
import {
  lessonVersions,
  type RunMode,
  runActions,
  runs,
  scenarios,
  scenarioVersions,
  trainerGrades,
  users,
} from "../../db/schema";
import {
  parseScenario,
  type RunView,
  replay,
  type Scenario,
  type TraineeAction,
  type TrainerGrade,
  validateAction,
} from "../../simulator";
import { forbidden, notFound } from "../auth/guard.server";
import { awardIfEligible } from "../certification/award.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { paused, type RunClock, realTimeOf, resumed, simulatedMs, skippedTo } from "./clock";
import { type LiveState, type RunMeta, toLiveView } from "./live";

export type RunRow = typeof runs.$inferSelect;

/** Who is asking: enough to decide what they may see. */
export interface RunViewer {
  id: string;
  role: Role;
  departmentId: string | null;
}

// --- Scenario documents ---

const parsedVersions = new Map<string, Scenario>();

/** A version's scenario, parsed once per process: versions never change, so this is only a cache. */
export async function scenarioOfVersion(versionId: string, tx: Queryable = db): Promise<Scenario> {
  const cached = parsedVersions.get(versionId);
  if (cached) return cached;
  const [row] = await tx
    .select({ document: scenarioVersions.document })
    .from(scenarioVersions)
    .where(eq(scenarioVersions.id, versionId));
  if (!row) throw notFound();
  const parsed = parseScenario(row.document);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new Error(
      `stored scenario version ${versionId} is invalid: ${first?.path} ${first?.message}`,
    );
  }
  if (parsedVersions.size > 500) parsedVersions.clear();
  parsedVersions.set(versionId, parsed.scenario);
  return parsed.scenario;
}

// --- Starting ---

/**
 * Starts a run on a scenario version. Practice and assessed runs need a published version of a
 * published scenario; playtest (a trainer trying an unpublished version) needs a trainer or
 * an admin and never counts. The seed is made here, so no two runs are alike by accident.
 */
export async function startRun(input: {
  userId: string;
  scenarioVersionId: string;
  mode: RunMode;
}): Promise<{ runId: string }> {
  const { userId, scenarioVersionId, mode } = input;
  const [version] = await db
    .select({
      scenarioId: scenarioVersions.scenarioId,
      publishedAt: scenarioVersions.publishedAt,
      status: scenarios.status,
    })
    .from(scenarioVersions)
    .innerJoin(scenarios, eq(scenarios.id, scenarioVersions.scenarioId))
    .where(eq(scenarioVersions.id, scenarioVersionId));
  if (!version) throw notFound();
  if (mode === "playtest") {
    const [person] = await db
      .select({ role: users.role })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.active, true)));
    if (person?.role !== "trainer" && person?.role !== "admin") throw forbidden();
  } else if (version.publishedAt === null || version.status !== "published") {
    throw notFound();
  }
  const started = now();
  const [run] = await db
    .insert(runs)
    .values({
      userId,
      scenarioVersionId,
      scenarioId: version.scenarioId,
      mode,
      seed: randomBytes(8).toString("hex"),
      startedAt: started,
      clockOffsetMs: 0,
      clockRunningSince: started,
    })
    .returning({ id: runs.id });
  if (!run) throw new Error("run insert returned nothing");
  return { runId: run.id };
}

/** Starts a run on the current version of a published scenario. */
export async function startScenario(
  userId: string,
  scenarioId: string,
  mode: "practice" | "assessed",
): Promise<{ runId: string }> {
  const [scenario] = await db
    .select({ versionId: scenarios.currentVersionId })
    .from(scenarios)
    .where(and(eq(scenarios.id, scenarioId), eq(scenarios.status, "published")));
  if (!scenario?.versionId) throw notFound();
  return startRun({ userId, scenarioVersionId: scenario.versionId, mode });
}

/** "Try again": a new run of the same scenario in the same mode; the old run stays as it was. */
export async function retryRun(userId: string, runId: string): Promise<{ runId: string }> {
  const [run] = await db
    .select({ scenarioId: runs.scenarioId, mode: runs.mode, versionId: runs.scenarioVersionId })
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.userId, userId)));
  if (!run) throw notFound();
  if (run.mode === "playtest")
    return startRun({ userId, scenarioVersionId: run.versionId, mode: "playtest" });
  return startScenario(userId, run.scenarioId, run.mode);
}

// --- Reading a run ---

async function storedActions(tx: Queryable, runId: string): Promise<TraineeAction[]> {
  const rows = await tx
    .select({ action: runActions.action })
    .from(runActions)
    .where(eq(runActions.runId, runId))
    .orderBy(asc(runActions.seq));
  return rows.map((row) => row.action as TraineeAction);
}

/** The trainer grades of a run, as the simulator's `trainerGrades` argument. */
export async function gradesFor(runId: string, tx: Queryable = db): Promise<TrainerGrade[]> {
  const rows = await tx
    .select({
      item: trainerGrades.rubricItem,
      actionIndex: trainerGrades.actionIndex,
      points: trainerGrades.points,
    })
    .from(trainerGrades)
    .where(eq(trainerGrades.runId, runId));
  return rows;
}

const clockOf = (row: RunRow): RunClock => ({
  clockOffsetMs: row.clockOffsetMs,
  clockRunningSince: row.clockRunningSince,
});

/** The summary columns the run row keeps for lists, certification and the review queue. */
function summaryOf(row: RunRow, view: RunView, clock: RunClock, at: Date) {
  const ended = view.status !== "running";
  return {
    status: view.status,
    outcomeId: view.ending?.id ?? null,
    score: view.score.total,
    maxScore: view.score.max,
    passMark: view.score.passMark,
    endedAt: ended ? (row.endedAt ?? realTimeOf(clock, view.ending?.at ?? view.at, at)) : null,
  };
}

/** Replays a run as it stands at `at` (real time), with its trainer grades. */
async function replayRow(tx: Queryable, row: RunRow, at: Date) {
  const scenario = await scenarioOfVersion(row.scenarioVersionId, tx);
  const actions = await storedActions(tx, row.id);
  const grades = await gradesFor(row.id, tx);
  const view = replay({
    scenario,
    seed: row.seed,
    actions,
    at: simulatedMs(clockOf(row), at),
    trainerGrades: grades,
  });
  return { scenario, actions, view };
}

/** Locks the run row for the rest of the transaction, so its changes happen one at a time. */
async function lockRun(tx: Transaction, where: SQL | undefined): Promise<RunRow | undefined> {
  const [row] = await tx.select().from(runs).where(where).for("update");
  return row;
}

/** An assessed run that has just passed may complete someone's certificate. */
function newlyPassedAssessed(row: RunRow, status: RunView["status"]): boolean {
  return row.mode === "assessed" && status === "passed" && row.status !== "passed";
}

async function storeSummary(tx: Queryable, row: RunRow, view: RunView, at: Date) {
  const summary = summaryOf(row, view, clockOf(row), at);
  await tx.update(runs).set(summary).where(eq(runs.id, row.id));
  return summary;
}

/**
 * Replays the run (with its trainer grades) at the server's current time and stores status,
 * outcome, score, max score, pass mark and end time on the run row.
 */
export async function refreshRunSummary(runId: string): Promise<void> {
  const passed = await db.transaction(async (tx) => {
    const row = await lockRun(tx, eq(runs.id, runId));
    if (!row) throw notFound();
    const at = now();
    const { view } = await replayRow(tx, row, at);
    await storeSummary(tx, row, view, at);
    return newlyPassedAssessed(row, view.status) ? row.userId : null;
  });
  // After the commit: the award takes its own lock on the person.
  if (passed) await awardIfEligible(passed);
}

/** A run's view now; the stored summary is brought up to date if time has ended the run. */
async function currentView(row: RunRow) {
  const at = now();
  const replayed = await replayRow(db, row, at);
  if (replayed.view.status !== row.status || replayed.view.score.total !== row.score) {
    await refreshRunSummary(row.id);
  }
  return replayed;
}

function liveState(
  row: Pick<RunRow, "clockRunningSince">,
  actionCount: number,
  view: RunView,
): LiveState {
  return { actionCount, paused: row.clockRunningSince === null, view: toLiveView(view) };
}

function runMeta(row: RunRow, scenario: Scenario): RunMeta {
  return {
    id: row.id,
    mode: row.mode,
    scenarioId: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    account: scenario.account,
    duration: scenario.duration,
    canControlClock: row.mode !== "assessed",
    personas: scenario.personas.map(({ id, name, handle, kind }) => ({ id, name, handle, kind })),
  };
}

/** The trainee's own run, to play: mine or a 404. */
export async function runFor(userId: string, runId: string) {
  const [row] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.id, runId), eq(runs.userId, userId)));
  if (!row) throw notFound();
  const { scenario, actions, view } = await currentView(row);
  return { run: runMeta(row, scenario), live: liveState(row, actions.length, view) };
}

/** The live state only, for the page's polling. */
export async function liveStateFor(userId: string, runId: string): Promise<LiveState> {
  return (await runFor(userId, runId)).live;
}

// --- Acting ---

export type ActResult =
  | { ok: true; state: LiveState }
  | { ok: false; status: 400 | 409; reason: string };

/** A client's clock may run a little ahead of the server's; more than this is a forgery. */
const CLIENT_LEAD_MS = 2000;

/**
 * Takes one trainee action (untrusted input). The server stamps it with its own simulated
 * time; a time the client sends is only checked (not in the future, not before the last
 * action). The action is checked by the engine against the stored ones and appended with the
 * next sequence number while the run row is locked, so simultaneous actions queue up.
 */
export async function takeAction(
  userId: string,
  runId: string,
  input: unknown,
): Promise<ActResult> {
  let passed = false;
  const result = await db.transaction(async (tx): Promise<ActResult> => {
    const row = await lockRun(tx, and(eq(runs.id, runId), eq(runs.userId, userId)));
    if (!row) throw notFound();
    const at = now();
    const sim = simulatedMs(clockOf(row), at);
    const scenario = await scenarioOfVersion(row.scenarioVersionId, tx);
    const prior = await storedActions(tx, row.id);
    const lastAt = prior.at(-1)?.at ?? 0;

    if (row.status !== "running" || sim >= scenario.duration) {
      if (row.status === "running") {
        const { view } = await replayRow(tx, row, at);
        await storeSummary(tx, row, view, at);
        passed = newlyPassedAssessed(row, view.status);
      }
      return { ok: false, status: 409, reason: "The run has ended." };
    }
    if (typeof input !== "object" || input === null || Array.isArray(input)) {
      return { ok: false, status: 400, reason: "That is not an action the simulator understands." };
    }
    const given = input as Record<string, unknown>;
    if ("at" in given) {
      if (typeof given.at !== "number" || !Number.isInteger(given.at)) {
        return { ok: false, status: 400, reason: "The action's time must be whole milliseconds." };
      }
      if (given.at > sim + CLIENT_LEAD_MS) {
        return { ok: false, status: 400, reason: "That action is stamped in the future." };
      }
      if (given.at < lastAt) {
        return {
          ok: false,
          status: 400,
          reason: "Time cannot go backwards: that action is stamped before your last one.",
        };
      }
    }
    const check = validateAction(scenario, row.seed, prior, {
      ...given,
      at: Math.max(sim, lastAt),
    });
    if (!check.ok) {
      const ended = check.reason === "The run has ended.";
      return { ok: false, status: ended ? 409 : 400, reason: check.reason };
    }
    const seq = prior.length;
    await tx
      .insert(runActions)
      .values({ runId: row.id, seq, atMs: check.action.at, action: check.action });
    let view = check.view;
    // A run that this action ended may have trainer grades to count; replay with them.
    if (view.status !== "running") {
      view = replay({
        scenario,
        seed: row.seed,
        actions: [...prior, check.action],
        at: check.action.at,
        trainerGrades: await gradesFor(row.id, tx),
      });
    }
    // One statement: the count always, the summary when the action changed it.
    const changed = view.status !== row.status || view.score.total !== row.score;
    await tx
      .update(runs)
      .set({ actionCount: seq + 1, ...(changed ? summaryOf(row, view, clockOf(row), at) : {}) })
      .where(eq(runs.id, row.id));
    passed = newlyPassedAssessed(row, view.status);
    return { ok: true, state: liveState(row, seq + 1, view) };
  });
  if (passed) await awardIfEligible(userId);
  return result;
}

export type ClockCommand = "pause" | "resume" | "skip";

/**
 * Pause, resume, or skip to the moment the scenario next moves on by itself. Only practice and
 * playtest runs; an assessed run keeps real time.
 */
export async function controlClock(
  userId: string,
  runId: string,
  command: ClockCommand,
): Promise<ActResult> {
  return db.transaction(async (tx): Promise<ActResult> => {
    const row = await lockRun(tx, and(eq(runs.id, runId), eq(runs.userId, userId)));
    if (!row) throw notFound();
    if (row.mode === "assessed") {
      return {
        ok: false,
        status: 409,
        reason: "An assessed run keeps real time: it cannot be paused or skipped.",
      };
    }
    const at = now();
    const { view } = await replayRow(tx, row, at);
    if (view.status !== "running") {
      await storeSummary(tx, row, view, at);
      return { ok: false, status: 409, reason: "The run has ended." };
    }
    let clock = clockOf(row);
    if (command === "pause") clock = paused(clock, at);
    else if (command === "resume") clock = resumed(clock, at);
    else {
      if (view.nextInjectAt === null) {
        return { ok: false, status: 409, reason: "Nothing more happens by itself in this run." };
      }
      clock = skippedTo(clock, view.nextInjectAt, at);
    }
    await tx.update(runs).set(clock).where(eq(runs.id, row.id));
    const moved = { ...row, ...clock };
    const after = await replayRow(tx, moved, at);
    await storeSummary(tx, moved, after.view, at);
    return { ok: true, state: liveState(moved, after.actions.length, after.view) };
  });
}

// --- Reading someone's run: debrief and replay ---

/**
 * Runs the viewer may look at: their own; any run for trainers and admins; for a manager, the
 * runs of people they line-manage or who are in their department. Part of the WHERE clause.
 */
export function visibleTo(viewer: RunViewer): SQL | undefined {
  if (viewer.role === "trainer" || viewer.role === "admin") return undefined;
  if (viewer.role !== "manager") return eq(runs.userId, viewer.id);
  const trainee = db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`${users.id} = ${runs.userId}`,
        viewer.departmentId
          ? or(eq(users.lineManagerId, viewer.id), eq(users.departmentId, viewer.departmentId))
          : eq(users.lineManagerId, viewer.id),
      ),
    );
  return or(eq(runs.userId, viewer.id), exists(trainee));
}

async function visibleRun(viewer: RunViewer, runId: string) {
  const [row] = await db
    .select({ run: runs, trainee: users.name })
    .from(runs)
    .innerJoin(users, eq(users.id, runs.userId))
    .where(and(eq(runs.id, runId), visibleTo(viewer)));
  if (!row) throw notFound();
  return row;
}

/** Titles of lessons by id (`course/slug`), for links in the debrief. */
async function lessonTitles(ids: Iterable<string>): Promise<Record<string, string>> {
  const wanted = new Set(ids);
  if (wanted.size === 0) return {};
  const rows = await db
    .select({
      courseId: lessonVersions.courseId,
      slug: lessonVersions.slug,
      title: lessonVersions.title,
    })
    .from(lessonVersions)
    .orderBy(sql`${lessonVersions.loadedAt} desc`);
  const titles: Record<string, string> = {};
  for (const row of rows) {
    const id = `${row.courseId}/${row.slug}`;
    if (wanted.has(id) && !(id in titles)) titles[id] = row.title;
  }
  return titles;
}

/** The debrief of an ended run: for its trainee, and read-only for those who oversee them. */
export async function debriefFor(viewer: RunViewer, runId: string) {
  const { run: row, trainee } = await visibleRun(viewer, runId);
  const { scenario, actions, view } = await currentView(row);
  const mine = row.userId === viewer.id;
  if (view.status === "running") return { state: "running" as const, mine, runId: row.id };
  const lessons = new Set<string>([
    ...view.score.items.map((item) => item.lesson),
    ...view.debrief.flatMap((entry) =>
      entry.notes.flatMap((note) => (note.lesson ? [note.lesson] : [])),
    ),
    ...scenario.objectives.map((objective) => objective.lesson),
  ]);
  const grades = await gradeFeedbackFor(row.id);
  return {
    state: "ended" as const,
    mine,
    trainee,
    run: { id: row.id, mode: row.mode, startedAt: row.startedAt, endedAt: row.endedAt },
    scenario: { id: scenario.id, title: scenario.title, objectives: scenario.objectives },
    status: view.status,
    ending: view.ending,
    score: view.score,
    timeline: view.debrief.map((entry) => ({
      ...entry,
      action: entry.actionIndex === null ? null : (actions[entry.actionIndex] ?? null),
      // A trainer's grade of what was written here, with their feedback.
      grades: grades.filter((grade) => grade.actionIndex === entry.actionIndex),
    })),
    lessonTitles: await lessonTitles(lessons),
  };
}

/**
 * A run at any moment, read-only, for trainers and managers: the feed at `atMs` (default: the
 * latest moment), each action with what reply analysis found in it.
 */
export async function replayFor(viewer: RunViewer, runId: string, atMs: number | null) {
  const { run: row, trainee } = await visibleRun(viewer, runId);
  const { scenario, actions, view: latest } = await currentView(row);
  const end = latest.ending ? latest.ending.at : Math.min(latest.at, scenario.duration);
  const at = Math.max(0, Math.min(atMs ?? end, end));
  const grades = await gradesFor(row.id);
  const view = replay({ scenario, seed: row.seed, actions, at, trainerGrades: grades });
  const findings = new Map(latest.findings.map((entry) => [entry.actionIndex, entry.findings]));
  const rejected = new Map(latest.rejected.map((entry) => [entry.index, entry.reason]));
  return {
    trainee,
    run: {
      id: row.id,
      mode: row.mode,
      status: latest.status,
      startedAt: row.startedAt,
      ending: latest.ending,
    },
    scenario: { id: scenario.id, title: scenario.title, account: scenario.account },
    at,
    end,
    view: {
      feed: view.feed,
      messages: view.messages,
      notifications: view.notifications,
      meters: view.meters,
      score: view.score,
      beat: view.beat,
      status: view.status,
    },
    actions: actions.map((action, index) => ({
      index,
      action,
      findings: findings.get(index) ?? [],
      rejected: rejected.get(index) ?? null,
    })),
    /** Moments worth stepping to: the start, every action and the end. */
    marks: [...new Set([0, ...actions.map((action) => action.at), end])].sort((a, b) => a - b),
  };
}

/** Trainer feedback on a run, for its debrief: by action and rubric item. */
export async function gradeFeedbackFor(runId: string) {
  return db
    .select({
      actionIndex: trainerGrades.actionIndex,
      item: trainerGrades.rubricItem,
      meets: trainerGrades.meets,
      points: trainerGrades.points,
      feedback: trainerGrades.feedback,
      gradedBy: users.name,
      gradedAt: trainerGrades.gradedAt,
    })
    .from(trainerGrades)
    .innerJoin(users, eq(users.id, trainerGrades.gradedBy))
    .where(eq(trainerGrades.runId, runId))
    .orderBy(asc(trainerGrades.actionIndex));
}

import "./memory-by-default";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { asc, eq, sql } from "drizzle-orm";
import { loadCourses } from "../../app/content/load.server";
import { ContentError } from "../../app/content/problems";
import { practiceFor } from "../../app/learn/practice.server";
import { loadScenarios, readScenarioFiles } from "../../app/practice/library.server";
import {
  controlClock,
  debriefFor,
  gradesFor,
  liveStateFor,
  type RunViewer,
  refreshRunSummary,
  replayFor,
  retryRun,
  runFor,
  startRun,
  startScenario,
  takeAction,
} from "../../app/practice/runs.server";
import { practiceHomeFor, practiceLibraryFor } from "../../app/practice/scenarios.server";
import { createDepartment, createPerson, type Person } from "../../db/factories";
import { runActions, runs, scenarios, scenarioVersions, trainerGrades } from "../../db/schema";
import { parseScenario, replay, type TraineeAction } from "../../simulator";
import { closeDatabase, countRows, db, prepareDatabase } from "./harness";

before(async () => {
  await prepareDatabase();
  await loadCourses(db);
  await loadScenarios(db);
});
after(closeDatabase);

const viewer = (person: Person): RunViewer => ({
  id: person.id,
  role: person.role,
  departmentId: person.departmentId,
});

const isStatus = (status: number) => (thrown: unknown) =>
  thrown instanceof Response && thrown.status === status;

async function currentVersion(scenarioId: string): Promise<string> {
  const [row] = await db
    .select({ id: scenarios.currentVersionId })
    .from(scenarios)
    .where(eq(scenarios.id, scenarioId));
  assert.ok(row?.id);
  return row.id;
}

/** Pretends the run's clock started `ms` earlier: simulated time moves on by that much. */
async function age(runId: string, ms: number) {
  await db
    .update(runs)
    .set({
      clockRunningSince: sql`${runs.clockRunningSince} - ${`${ms} milliseconds`}::interval`,
      startedAt: sql`${runs.startedAt} - ${`${ms} milliseconds`}::interval`,
    })
    .where(eq(runs.id, runId));
}

async function storedSeqs(runId: string) {
  const rows = await db
    .select({ seq: runActions.seq, action: runActions.action, atMs: runActions.atMs })
    .from(runActions)
    .where(eq(runActions.runId, runId))
    .orderBy(asc(runActions.seq));
  return rows;
}

async function skip(userId: string, runId: string) {
  const result = await controlClock(userId, runId, "skip");
  assert.ok(result.ok, result.ok ? "" : result.reason);
  return result.state;
}

async function act(userId: string, runId: string, action: Record<string, unknown>) {
  const result = await takeAction(userId, runId, action);
  assert.ok(result.ok, result.ok ? "" : result.reason);
  return result.state;
}

describe("the scenario library loader", () => {
  test("loads every built-in scenario as a published version, once", async () => {
    const files = readScenarioFiles();
    assert.equal(await countRows(scenarios), files.length);
    assert.equal(await countRows(scenarioVersions), files.length);
    const again = await loadScenarios(db);
    assert.equal(again.added, 0, "loading unchanged files adds nothing");
    assert.equal(await countRows(scenarioVersions), files.length);
    const [version] = await db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.scenarioId, "gritters-compliment"));
    assert.equal(version?.number, 1);
    assert.ok(version?.publishedAt);
    assert.equal(
      version?.source,
      readFileSync("courses/scenarios/gritters-compliment.yaml", "utf8"),
    );
    assert.match(version?.hash ?? "", /^[0-9a-f]{64}$/);
  });

  test("an edited file is a new version; runs keep the version they were played on", async () => {
    const staff = await createPerson(db);
    const before = await currentVersion("gritters-compliment");
    const { runId } = await startScenario(staff.id, "gritters-compliment", "practice");
    const dir = mkdtempSync(join(tmpdir(), "scenarios-"));
    try {
      cpSync("courses/scenarios", dir, { recursive: true });
      const path = join(dir, "gritters-compliment.yaml");
      writeFileSync(
        path,
        readFileSync(path, "utf8").replace(
          "title: A thank-you for the gritters, and a post that said too much",
          "title: Gritters, thanks and a correction",
        ),
      );
      const summary = await loadScenarios(db, () => readScenarioFiles(dir));
      assert.equal(summary.added, 1);
      const now = await currentVersion("gritters-compliment");
      assert.notEqual(now, before);
      const [newer] = await db
        .select({ number: scenarioVersions.number, title: scenarioVersions.title })
        .from(scenarioVersions)
        .where(eq(scenarioVersions.id, now));
      assert.deepEqual(newer, { number: 2, title: "Gritters, thanks and a correction" });
      const [run] = await db.select().from(runs).where(eq(runs.id, runId));
      assert.equal(run?.scenarioVersionId, before, "the run keeps its version");
      // Putting the file back makes the first version current again, adding nothing.
      assert.equal((await loadScenarios(db)).added, 0);
      assert.equal(await currentVersion("gritters-compliment"), before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a file that fails validation is refused with its file, line and message", () => {
    const dir = mkdtempSync(join(tmpdir(), "scenarios-"));
    try {
      const text = readFileSync("courses/scenarios/gritters-compliment.yaml", "utf8").replace(
        "lesson: staff-social-media/listening",
        "lesson: staff-social-media/no-such-lesson",
      );
      writeFileSync(join(dir, "gritters-compliment.yaml"), text);
      assert.throws(
        () => readScenarioFiles(dir),
        (error: unknown) => {
          assert.ok(error instanceof ContentError);
          const problem = error.problems[0];
          assert.equal(problem?.file, join(dir, "gritters-compliment.yaml"));
          assert.equal(typeof problem?.line, "number");
          assert.match(problem?.message ?? "", /objectives\[0\]\.lesson/);
          return true;
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a lesson page offers the scenarios whose objectives name it", async () => {
    const links = await practiceFor("staff-social-media/criticism-or-abuse");
    assert.ok(links.some((link) => link.to === "/practice#scenario-bin-collection-abuse"));
    assert.deepEqual(await practiceFor("staff-social-media/no-such-lesson"), []);
  });
});

describe("starting runs", () => {
  test("a run starts on the current published version with a fresh seed", async () => {
    const staff = await createPerson(db);
    const one = await startScenario(staff.id, "bin-collection-abuse", "practice");
    const two = await startScenario(staff.id, "bin-collection-abuse", "assessed");
    const rows = await db.select().from(runs).where(eq(runs.userId, staff.id));
    assert.equal(rows.length, 2);
    assert.notEqual(rows[0]?.seed, rows[1]?.seed);
    const assessed = rows.find((row) => row.id === two.runId);
    assert.equal(assessed?.mode, "assessed");
    assert.equal(assessed?.status, "running");
    assert.ok(one.runId);
  });

  test("only trainers play-test, and only published versions start practice runs", async () => {
    const staff = await createPerson(db);
    const trainer = await createPerson(db, { role: "trainer" });
    const [draft] = await db
      .insert(scenarioVersions)
      .values({
        scenarioId: "bin-collection-abuse",
        number: 99,
        hash: "draft",
        source: "",
        document: (
          await db
            .select({ document: scenarioVersions.document })
            .from(scenarioVersions)
            .where(eq(scenarioVersions.id, await currentVersion("bin-collection-abuse")))
        )[0]?.document,
        title: "Draft",
        level: "core",
      })
      .returning();
    assert.ok(draft);
    await assert.rejects(
      startRun({ userId: staff.id, scenarioVersionId: draft.id, mode: "practice" }),
      isStatus(404),
    );
    await assert.rejects(
      startRun({ userId: staff.id, scenarioVersionId: draft.id, mode: "playtest" }),
      isStatus(403),
    );
    const { runId } = await startRun({
      userId: trainer.id,
      scenarioVersionId: draft.id,
      mode: "playtest",
    });
    const state = await skip(trainer.id, runId);
    assert.ok(state.view.at > 0, "a play-test may skip ahead like practice");
    const library = await practiceLibraryFor(trainer.id);
    assert.equal(library.history.length, 0, "play-tests never count");
    await db.delete(runs).where(eq(runs.id, runId));
    await db.delete(scenarioVersions).where(eq(scenarioVersions.id, draft.id));
  });
});

describe("playing a run", () => {
  test("the server stamps its own time, appends with the next seq and returns the view", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    await age(runId, 6000);
    const state = await act(staff.id, runId, { type: "hide", target: "gaz-abuse" });
    const [stored] = await storedSeqs(runId);
    assert.equal(stored?.seq, 0);
    assert.ok(stored && stored.atMs >= 6000 && stored.atMs < 8000, `stamped ${stored?.atMs}`);
    const gaz = state.view.feed[0]?.replies.find((item) => item.id === "gaz-abuse");
    assert.equal(gaz?.hidden, true);
    assert.equal(state.actionCount, 1);
  });

  test("20 actions at once are all kept, in contiguous sequence, none lost or doubled", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    const texts = Array.from(
      { length: 24 },
      (_, i) => `Reminder number ${i}: bins are a day late.`,
    );
    const results = await Promise.all(
      texts.map((text) => takeAction(staff.id, runId, { type: "post", text })),
    );
    assert.deepEqual(
      results.filter((result) => !result.ok),
      [],
    );
    const rows = await storedSeqs(runId);
    assert.deepEqual(
      rows.map((row) => row.seq),
      texts.map((_, i) => i),
    );
    const stored = rows.map((row) => (row.action as { text: string }).text).sort();
    assert.deepEqual(stored, [...texts].sort());
    for (let i = 1; i < rows.length; i++) {
      assert.ok((rows[i]?.atMs ?? 0) >= (rows[i - 1]?.atMs ?? 0), "times never go backwards");
    }
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.actionCount, texts.length);
    const live = await liveStateFor(staff.id, runId);
    assert.equal(live.view.feed.filter((item) => item.mine).length, texts.length);
  });

  test("a restart (a fresh replay from the database alone) shows the same view", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    await skip(staff.id, runId);
    await act(staff.id, runId, { type: "hide", target: "gaz-abuse" });
    await act(staff.id, runId, { type: "like", target: "tom-thanks" });
    await controlClock(staff.id, runId, "pause");
    const served = await runFor(staff.id, runId);

    // Everything from the tables: no cache, no module state.
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.ok(run);
    const [version] = await db
      .select({ document: scenarioVersions.document })
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, run.scenarioVersionId));
    const parsed = parseScenario(version?.document);
    assert.ok(parsed.ok);
    const actions = (await storedSeqs(runId)).map((row) => row.action as TraineeAction);
    const fresh = replay({
      scenario: parsed.scenario,
      seed: run.seed,
      actions,
      at: run.clockOffsetMs,
    });
    assert.equal(served.live.paused, true);
    assert.equal(served.live.view.at, run.clockOffsetMs);
    assert.deepEqual(served.live.view.feed, fresh.feed);
    assert.deepEqual(served.live.view.meters, fresh.meters);
    assert.deepEqual(served.live.view.notifications, fresh.notifications);
    // Reading it again (a reload, a second tab) changes nothing.
    assert.deepEqual((await runFor(staff.id, runId)).live, served.live);
  });

  test("a new app process against the same database resumes the same view", async (t) => {
    if (!process.env.DATABASE_URL) {
      t.skip("needs DATABASE_URL: a memory database cannot be opened by a second process");
      return;
    }
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    await skip(staff.id, runId);
    await act(staff.id, runId, { type: "hide", target: "gaz-abuse" });
    await controlClock(staff.id, runId, "pause");
    const served = await liveStateFor(staff.id, runId);
    const script = `import("./app/practice/runs.server.ts").then(async (runs) => {
      const state = await runs.liveStateFor(${JSON.stringify(staff.id)}, ${JSON.stringify(runId)});
      process.stdout.write(JSON.stringify(state));
      process.exit(0);
    })`;
    const { stdout } = await promisify(execFile)("npx", ["tsx", "-e", script], {
      env: process.env,
      timeout: 60_000,
    });
    assert.deepEqual(JSON.parse(stdout), JSON.parse(JSON.stringify(served)));
  });

  test("forged and malformed actions are refused with the reason and change nothing", async () => {
    const staff = await createPerson(db);
    const other = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    await skip(staff.id, runId);
    await act(staff.id, runId, { type: "like", target: "tom-thanks" });
    const [last] = await storedSeqs(runId);
    const before = await storedSeqs(runId);
    const refusals: Array<[string, unknown, RegExp]> = [
      ["unknown target", { type: "hide", target: "nobody-here" }, /no item "nobody-here"/],
      ["unknown type", { type: "retweet", target: "gaz-abuse" }, /not an action/],
      ["extra field", { type: "like", target: "gaz-abuse", score: 99 }, /not an action/],
      ["not an object", "like gaz", /not an action/],
      ["empty text", { type: "post", text: "   " }, /Write something first/],
      ["oversized text", { type: "post", text: "x".repeat(2001) }, /limit is 2,000/],
      ["time in the future", { type: "like", target: "gaz-abuse", at: 600_000 }, /future/],
      [
        "time before the last",
        { type: "like", target: "gaz-abuse", at: (last?.atMs ?? 1) - 1 },
        /backwards/,
      ],
      ["bad time", { type: "like", target: "gaz-abuse", at: "soon" }, /whole milliseconds/],
      ["someone else's post", { type: "delete", target: "tom-thanks" }, /only delete your own/],
    ];
    for (const [name, input, reason] of refusals) {
      const result = await takeAction(staff.id, runId, input);
      assert.equal(result.ok, false, name);
      if (!result.ok) {
        assert.equal(result.status, 400, name);
        assert.match(result.reason, reason, name);
      }
    }
    await assert.rejects(
      takeAction(other.id, runId, { type: "like", target: "gaz-abuse" }),
      isStatus(404),
    );
    await assert.rejects(
      takeAction(staff.id, "00000000-0000-4000-8000-000000000000", { type: "wait" }),
      isStatus(404),
    );
    assert.deepEqual(await storedSeqs(runId), before);
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.actionCount, before.length);
  });

  test("a finished run takes no more actions", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "gritters-compliment", "practice");
    await age(runId, 8 * 60_000);
    const result = await takeAction(staff.id, runId, { type: "like", target: "gritting-post" });
    assert.deepEqual(result, { ok: false, status: 409, reason: "The run has ended." });
    assert.equal((await storedSeqs(runId)).length, 0);
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.status, "failed", "the summary caught up with the clock");
    assert.equal(run?.outcomeId, "left-wrong");
    assert.ok(run?.endedAt);
  });

  test("assessed runs keep real time; practice runs pause, resume and skip", async () => {
    const staff = await createPerson(db);
    const assessed = await startScenario(staff.id, "bin-collection-abuse", "assessed");
    for (const command of ["pause", "skip"] as const) {
      const result = await controlClock(staff.id, assessed.runId, command);
      assert.equal(result.ok, false);
      if (!result.ok) assert.match(result.reason, /cannot be paused or skipped/);
    }
    const practice = await startScenario(staff.id, "bin-collection-abuse", "practice");
    const skipped = await skip(staff.id, practice.runId);
    assert.equal(skipped.view.at, 5000, "skipped to the first inject");
    assert.ok(skipped.view.feed[0]?.replies.some((item) => item.id === "gaz-abuse"));
    const paused = await controlClock(staff.id, practice.runId, "pause");
    assert.ok(paused.ok && paused.state.paused);
    await age(practice.runId, 60_000);
    const still = await liveStateFor(staff.id, practice.runId);
    assert.equal(
      still.view.at,
      paused.ok ? paused.state.view.at : -1,
      "a paused clock stands still",
    );
    const resumed = await controlClock(staff.id, practice.runId, "resume");
    assert.ok(resumed.ok && !resumed.state.paused);
  });
});

describe("ending, the debrief and the summary", () => {
  test("a run played to a pass stores its outcome and score; Try again starts afresh", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "gritters-compliment", "assessed");
    await age(runId, 11_000);
    await act(staff.id, runId, {
      type: "reply",
      target: "dev-thanks",
      text: "Thanks Dev, glad the crews helped you get to work safely.",
    });
    await age(runId, 16_000);
    await act(staff.id, runId, {
      type: "reply",
      target: "jo-all-roads",
      text: "You're right Jo, we got this wrong. To correct our earlier post: we should have said priority routes, not all roads.",
    });
    await act(staff.id, runId, {
      type: "reply",
      target: "jo-all-roads",
      text: "You can see which roads are on the priority gritting routes at anyshire.gov.uk/gritting.",
    });
    await age(runId, 95_000);
    await refreshRunSummary(runId);
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.status, "passed");
    assert.equal(run?.outcomeId, "well-handled");
    assert.equal(run?.score, 6);
    assert.equal(run?.maxScore, 8);
    assert.equal(run?.passMark, 5);

    const debrief = await debriefFor(viewer(staff), runId);
    assert.equal(debrief.state, "ended");
    if (debrief.state === "ended") {
      const tone = debrief.score.items.find((item) => item.item === "tone");
      assert.equal(tone?.pending, 1, "the trainer-judged item waits for a trainer");
      assert.ok(debrief.timeline.length >= 3);
      assert.equal(debrief.lessonTitles["staff-social-media/listening"] !== undefined, true);
    }
    const library = await practiceLibraryFor(staff.id);
    const entry = library.core.find((scenario) => scenario.id === "gritters-compliment");
    assert.deepEqual(entry?.status, { kind: "passed", score: 6, maxScore: 8, runId });

    const again = await retryRun(staff.id, runId);
    assert.notEqual(again.runId, runId);
    const history = (await practiceLibraryFor(staff.id)).history.map((row) => row.id);
    assert.ok(history.includes(runId) && history.includes(again.runId), "old runs stay");
    const home = await practiceHomeFor(staff.id);
    assert.deepEqual(
      home.inProgress.map((row) => row.id),
      [again.runId],
    );
  });

  test("trainer grades feed the summary through gradesFor", async () => {
    const staff = await createPerson(db);
    const trainer = await createPerson(db, { role: "trainer" });
    const { runId } = await startScenario(staff.id, "gritters-compliment", "practice");
    await skip(staff.id, runId);
    await act(staff.id, runId, { type: "reply", target: "dev-thanks", text: "Thanks Dev!" });
    await skip(staff.id, runId);
    await act(staff.id, runId, {
      type: "reply",
      target: "jo-all-roads",
      text: "To correct our earlier post: we should have said priority routes, not all roads.",
    });
    for (let i = 0; i < 5; i++) {
      const result = await controlClock(staff.id, runId, "skip");
      if (!result.ok) break;
    }
    const [ended] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(ended?.status, "awaiting-trainer", "4 of 5 without the trainer's marks");
    await db.insert(trainerGrades).values({
      runId,
      actionIndex: 1,
      rubricItem: "tone",
      meets: true,
      points: 2,
      feedback: "Clear and honest.",
      gradedBy: trainer.id,
    });
    assert.deepEqual(await gradesFor(runId), [{ item: "tone", actionIndex: 1, points: 2 }]);
    await refreshRunSummary(runId);
    const [graded] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(graded?.status, "passed");
    assert.equal(graded?.score, 6);
  });

  test("a run left to run out fails, and its debrief lists what was missed", async () => {
    const staff = await createPerson(db);
    const { runId } = await startScenario(staff.id, "bin-collection-abuse", "practice");
    for (let i = 0; i < 20; i++) {
      const result = await controlClock(staff.id, runId, "skip");
      if (!result.ok) break;
    }
    const debrief = await debriefFor(viewer(staff), runId);
    assert.equal(debrief.state, "ended");
    if (debrief.state === "ended") {
      assert.equal(debrief.status, "failed");
      assert.equal(debrief.ending?.id, "lost-control");
      assert.ok(debrief.timeline.some((entry) => entry.kind === "missed"));
    }
  });
});

describe("who may see a run", () => {
  test("its trainee plays it; trainers, admins and the trainee's managers see it read-only", async () => {
    const department = await createDepartment(db);
    const elsewhere = await createDepartment(db);
    const lineManager = await createPerson(db, { role: "manager", departmentId: elsewhere.id });
    const trainee = await createPerson(db, {
      departmentId: department.id,
      lineManagerId: lineManager.id,
    });
    const departmentManager = await createPerson(db, {
      role: "manager",
      departmentId: department.id,
    });
    const otherManager = await createPerson(db, { role: "manager", departmentId: elsewhere.id });
    const trainer = await createPerson(db, { role: "trainer" });
    const admin = await createPerson(db, { role: "admin" });
    const colleague = await createPerson(db, { departmentId: department.id });
    const { runId } = await startScenario(trainee.id, "bin-collection-abuse", "practice");
    await skip(trainee.id, runId);
    await act(trainee.id, runId, { type: "hide", target: "gaz-abuse" });

    for (const person of [trainee, trainer, admin, lineManager, departmentManager]) {
      const seen = await replayFor(viewer(person), runId, null);
      assert.equal(seen.actions.length, 1, `${person.role} ${person.name} sees the replay`);
    }
    for (const person of [colleague, otherManager]) {
      await assert.rejects(replayFor(viewer(person), runId, null), isStatus(404));
      await assert.rejects(debriefFor(viewer(person), runId), isStatus(404));
    }
    // Only the trainee plays it: for anyone else the run page is a 404.
    for (const person of [trainer, admin, lineManager, colleague]) {
      await assert.rejects(runFor(person.id, runId), isStatus(404));
      await assert.rejects(liveStateFor(person.id, runId), isStatus(404));
    }
    const early = await replayFor(viewer(trainer), runId, 1000);
    assert.equal(early.at, 1000);
    assert.ok(
      !early.view.feed[0]?.replies.some((item) => item.id === "gaz-abuse"),
      "the replay shows the feed as it was at that moment",
    );
    const debrief = await debriefFor(viewer(trainer), runId);
    assert.equal(debrief.state, "running");
  });
});

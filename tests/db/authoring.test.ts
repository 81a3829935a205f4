import "./memory-by-default";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { type SessionUser, sessionUserOf } from "../../app/auth/session.server";
import { replayFailure, startPlaytest } from "../../app/authoring/playtest.server";
import { gradeReply, reviewQueue } from "../../app/authoring/reviews.server";
import {
  checkDraft,
  checkText,
  copyScenario,
  createFromTemplate,
  draftsWaiting,
  editorFor,
  hashOf,
  publishDraft,
  saveDraft,
  scenarioList,
  setArchived,
  versionDiffFor,
} from "../../app/authoring/scenarios.server";
import { MAX_SOURCE_BYTES } from "../../app/authoring/source";
import { loadCourses } from "../../app/content/load.server";
import { loadScenarios } from "../../app/practice/library.server";
import { startRun, startScenario, takeAction } from "../../app/practice/runs.server";
import { createPerson } from "../../db/factories";
import {
  auditLog,
  runs,
  scenarioDrafts,
  scenarios,
  scenarioVersions,
  trainerGrades,
} from "../../db/schema";
import { closeDatabase, countRows, db, prepareDatabase } from "./harness";

let trainer: SessionUser;
let otherTrainer: SessionUser;
let staff: SessionUser;

before(async () => {
  await prepareDatabase();
  await loadCourses(db);
  await loadScenarios(db);
  trainer = sessionUserOf(await createPerson(db, { role: "trainer", name: "Tess Trainer" }));
  otherTrainer = sessionUserOf(await createPerson(db, { role: "trainer", name: "Owen Other" }));
  staff = sessionUserOf(await createPerson(db, { role: "staff", name: "Sian Staff" }));
});
after(closeDatabase);

async function draftOf(id: string) {
  const [draft] = await db.select().from(scenarioDrafts).where(eq(scenarioDrafts.scenarioId, id));
  assert.ok(draft, `draft of ${id}`);
  return draft;
}

async function auditActions(id: string) {
  const rows = await db
    .select({ action: auditLog.action })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "scenario"), eq(auditLog.subjectId, id)));
  return rows.map((row) => row.action);
}

describe("a new scenario from the template", () => {
  test("is a draft whose text is valid and passes the model check", async () => {
    const created = await createFromTemplate(trainer, { id: "bins-abuse", title: "Bins abuse" });
    assert.deepEqual(created, { ok: true, scenarioId: "bins-abuse" });
    const editor = await editorFor("bins-abuse");
    assert.equal(editor.scenario.status, "draft");
    assert.equal(editor.title, "Bins abuse");
    assert.deepEqual(editor.errors, []);
    assert.ok(editor.diagram && editor.diagram.nodes.length === 4, "beats and outcomes drawn");
    const checked = await checkDraft(trainer, "bins-abuse", 1);
    assert.equal(checked.ok, true, checked.message);
    assert.deepEqual(await auditActions("bins-abuse"), ["scenario.created"]);
  });

  test("with an id already taken is refused, naming the id", async () => {
    const again = await createFromTemplate(trainer, { id: "bins-abuse", title: "Again" });
    assert.equal(again.ok, false);
    assert.match(again.ok ? "" : (again.errors.id ?? ""), /"bins-abuse" already exists/);
    const builtIn = await createFromTemplate(trainer, { id: "sarcastic-troll", title: "Clash" });
    assert.equal(builtIn.ok, false, "a built-in scenario's id is taken too");
  });
});

describe("saving a draft", () => {
  test("keeps a text that does not parse, and reports its errors with lines", async () => {
    const broken = (await draftOf("bins-abuse")).source.replace("duration: 5m", "duration: soon");
    const saved = await saveDraft(trainer, "bins-abuse", {
      source: broken,
      revision: 1,
      overwrite: false,
    });
    assert.equal(saved.ok, true);
    assert.equal(saved.ok && saved.revision, 2);
    assert.equal(saved.ok && saved.errors[0]?.path, "duration");
    assert.equal(saved.ok && saved.errors[0]?.line, 7);
    assert.equal((await draftOf("bins-abuse")).source, broken);
  });

  test("refuses a stale revision, names who saved, and changes nothing", async () => {
    const before = await draftOf("bins-abuse");
    const stale = await saveDraft(otherTrainer, "bins-abuse", {
      source: "id: bins-abuse\n",
      revision: 1,
      overwrite: false,
    });
    assert.equal(stale.ok, false);
    assert.equal(!stale.ok && stale.status, 409);
    assert.match(
      !stale.ok ? stale.message : "",
      /Tess Trainer saved this draft at .*Your text was not saved/,
    );
    assert.deepEqual(await draftOf("bins-abuse"), before);
  });

  test("refuses a text over the size limit with the sizes in the message", async () => {
    const before = await draftOf("bins-abuse");
    const huge = `${before.source}\n# ${"x".repeat(MAX_SOURCE_BYTES)}\n`;
    const saved = await saveDraft(trainer, "bins-abuse", {
      source: huge,
      revision: 2,
      overwrite: false,
    });
    assert.equal(!saved.ok && saved.status, 413);
    assert.match(!saved.ok ? saved.message : "", /the limit is 200 KB \(204,800 bytes\)/);
    assert.deepEqual(await draftOf("bins-abuse"), before);
  });

  test("every save is audited", async () => {
    const actions = await auditActions("bins-abuse");
    assert.deepEqual(actions.filter((action) => action === "scenario.draft-saved").length, 1);
  });
});

describe("publishing", () => {
  test("a draft that does not parse is refused and nothing changes", async () => {
    const before = await draftOf("bins-abuse");
    const published = await publishDraft(trainer, "bins-abuse", 2);
    assert.equal(published.ok, false);
    assert.match(
      !published.ok ? published.message : "",
      /Not published\. The draft has 1 mistake in its text/,
    );
    assert.deepEqual(await draftOf("bins-abuse"), before);
    assert.equal(
      (
        await db
          .select()
          .from(scenarioVersions)
          .where(eq(scenarioVersions.scenarioId, "bins-abuse"))
      ).length,
      0,
    );
    const [row] = await db.select().from(scenarios).where(eq(scenarios.id, "bins-abuse"));
    assert.equal(row?.status, "draft");
  });

  test("a draft that parses but fails the model check is refused", async () => {
    const deadEnd = readFileSync("tests/fixtures/scenarios/dead-end.yaml", "utf8").replace(
      "id: fixture-dead-end",
      "id: bins-abuse",
    );
    const saved = await saveDraft(trainer, "bins-abuse", {
      source: deadEnd,
      revision: 2,
      overwrite: false,
    });
    assert.equal(saved.ok && saved.errors.length, 0);
    const published = await publishDraft(trainer, "bins-abuse", 3);
    assert.match(!published.ok ? published.message : "", /The check found 1 problem/);
    const editor = await editorFor("bins-abuse");
    assert.equal(editor.check?.failures[0]?.property, "no-dead-end");
    assert.ok((editor.check?.failures[0]?.steps.length ?? 0) > 0, "a counter-example path");
    const stuck = editor.diagram?.nodes.find((node) => node.id === "stuck");
    assert.deepEqual(stuck?.marks, ["dead-end"], "the dead end is marked on the diagram");
    assert.equal(editor.scenario.status, "draft");
  });

  test("a passing draft becomes version 1, current and published; the same text again is no change", async () => {
    const template = (await import("../../app/authoring/template")).scenarioTemplate(
      "bins-abuse",
      "Bins abuse",
    );
    await saveDraft(trainer, "bins-abuse", { source: template, revision: 3, overwrite: false });
    const published = await publishDraft(trainer, "bins-abuse", 4);
    assert.deepEqual(published, { ok: true, number: 1 });
    const [row] = await db.select().from(scenarios).where(eq(scenarios.id, "bins-abuse"));
    assert.equal(row?.status, "published");
    const [version] = await db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, row?.currentVersionId ?? ""));
    assert.equal(version?.hash, hashOf(template));
    assert.ok(version?.publishedAt);
    const again = await publishDraft(trainer, "bins-abuse", 4);
    assert.match(
      !again.ok ? again.message : "",
      /Nothing to publish: the draft is the same as version 1/,
    );
    assert.ok((await auditActions("bins-abuse")).includes("scenario.published"));
    assert.equal(await draftsWaiting(), 0);
  });

  test("runs keep the version they were played on; a diff shows what changed", async () => {
    const { runId } = await startScenario(staff.id, "bins-abuse", "practice");
    const source = (await draftOf("bins-abuse")).source.replace(
      "Useless lot. Sack the lot of you.",
      "Useless lot. Sack the whole lot of you.",
    );
    await saveDraft(trainer, "bins-abuse", { source, revision: 4, overwrite: false });
    assert.equal(await draftsWaiting(), 1);
    assert.deepEqual(await publishDraft(trainer, "bins-abuse", 5), { ok: true, number: 2 });
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    const [v1] = await db
      .select()
      .from(scenarioVersions)
      .where(and(eq(scenarioVersions.scenarioId, "bins-abuse"), eq(scenarioVersions.number, 1)));
    assert.equal(run?.scenarioVersionId, v1?.id);

    const diff = await versionDiffFor("bins-abuse", {});
    assert.equal(diff.from, 1);
    assert.equal(diff.to, 2);
    assert.equal(diff.diff?.added, 1);
    assert.equal(diff.diff?.removed, 1);
    const changed = diff.diff?.hunks.flatMap((hunk) => (hunk.kind === "lines" ? hunk.lines : []));
    assert.ok(
      changed?.some((line) => line.kind === "added" && line.text.includes("the whole lot")),
    );
    const missing = await versionDiffFor("bins-abuse", { from: 1, to: 9 });
    assert.match(missing.problem ?? "", /There is no version 9/);
  });
});

describe("play-testing", () => {
  test("runs an unpublished snapshot of the draft; publishing that text later publishes that version", async () => {
    const source = (await draftOf("bins-abuse")).source.replace("duration: 5m", "duration: 6m");
    await saveDraft(trainer, "bins-abuse", { source, revision: 5, overwrite: false });
    const played = await startPlaytest(trainer, "bins-abuse", 6);
    assert.equal(played.ok, true);
    const [run] = await db
      .select()
      .from(runs)
      .where(eq(runs.id, played.ok ? played.runId : ""));
    assert.equal(run?.mode, "playtest");
    const [snapshot] = await db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, run?.scenarioVersionId ?? ""));
    assert.equal(snapshot?.publishedAt, null);
    assert.equal(snapshot?.number, 3);
    const [row] = await db.select().from(scenarios).where(eq(scenarios.id, "bins-abuse"));
    assert.notEqual(row?.currentVersionId, snapshot?.id, "trainees still get version 2");

    assert.deepEqual(await publishDraft(trainer, "bins-abuse", 6), { ok: true, number: 3 });
    const [published] = await db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.id, snapshot?.id ?? ""));
    assert.ok(published?.publishedAt);
  });

  test("a draft that does not parse cannot be played", async () => {
    const source = (await draftOf("bins-abuse")).source.replace("level: core", "level: expert");
    await saveDraft(trainer, "bins-abuse", { source, revision: 6, overwrite: false });
    const played = await startPlaytest(trainer, "bins-abuse", 7);
    assert.equal(played.ok, false);
    assert.match(!played.ok ? played.message : "", /cannot be played until its text is valid/);
  });

  test("a counter-example is played into a play-test run step by step", async () => {
    const fixture = readFileSync("tests/fixtures/scenarios/dead-end.yaml", "utf8").replace(
      "id: fixture-dead-end",
      "id: dead-end-demo",
    );
    await createFromTemplate(trainer, { id: "dead-end-demo", title: "Dead end" });
    await saveDraft(trainer, "dead-end-demo", { source: fixture, revision: 1, overwrite: false });
    const checked = await checkDraft(trainer, "dead-end-demo", 2);
    assert.equal(checked.ok, false);
    const replayed = await replayFailure(trainer, "dead-end-demo", 2, 0);
    assert.equal(replayed.ok, true, replayed.ok ? "" : replayed.message);
    const [run] = await db
      .select()
      .from(runs)
      .where(eq(runs.id, replayed.ok ? replayed.runId : ""));
    assert.equal(run?.mode, "playtest");
    assert.ok((run?.actionCount ?? 0) >= 1, "the counter-example's reply was taken");
    const none = await replayFailure(trainer, "dead-end-demo", 2, 7);
    assert.match(!none.ok ? none.message : "", /not in the latest check/);
  });
});

describe("checking", () => {
  test("a check that cannot finish within the step limit says so, and is not an error", async () => {
    const text = readFileSync("courses/scenarios/school-closure-wrong-date.yaml", "utf8").replace(
      /^id: .*$/m,
      "id: bins-abuse",
    );
    const outcome = await checkText(trainer, "bins-abuse", text, 2_000);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.check.failures[0]?.property, "explored");
    assert.match(
      outcome.check.failures[0]?.message ?? "",
      /did not finish: it stopped after 2,000 steps/,
    );
  });
});

describe("forks, copies and archiving", () => {
  test("a built-in scenario forks into an authored one; the built-in stays as it was", async () => {
    const [before] = await db.select().from(scenarios).where(eq(scenarios.id, "sarcastic-troll"));
    const forked = await copyScenario(trainer, "sarcastic-troll", "sarcastic-troll-local");
    assert.deepEqual(forked, { ok: true, scenarioId: "sarcastic-troll-local" });
    const [fork] = await db
      .select()
      .from(scenarios)
      .where(eq(scenarios.id, "sarcastic-troll-local"));
    assert.equal(fork?.source, "authored");
    assert.equal(fork?.forkedFromId, "sarcastic-troll");
    const draft = await draftOf("sarcastic-troll-local");
    assert.match(draft.source, /^id: sarcastic-troll-local$/m);
    assert.deepEqual((await editorFor("sarcastic-troll-local")).errors, []);
    const [after] = await db.select().from(scenarios).where(eq(scenarios.id, "sarcastic-troll"));
    assert.deepEqual(after, before);
    assert.deepEqual(await auditActions("sarcastic-troll-local"), ["scenario.forked"]);
    const taken = await copyScenario(trainer, "sarcastic-troll", "bins-abuse");
    assert.equal(!taken.ok && taken.status, 409);
  });

  test("an archived scenario starts no new runs and keeps its history; it can be restored", async () => {
    const archived = await setArchived(trainer, "bins-abuse", true);
    assert.equal(archived.ok, true);
    await assert.rejects(
      startScenario(staff.id, "bins-abuse", "practice"),
      (error: Response) => error.status === 404,
    );
    assert.ok((await db.select().from(runs).where(eq(runs.scenarioId, "bins-abuse"))).length > 0);
    const saved = await saveDraft(trainer, "bins-abuse", {
      source: "id: x",
      revision: 7,
      overwrite: false,
    });
    assert.equal(!saved.ok && saved.reason, "archived");
    const list = await scenarioList();
    const entry = list.find((row) => row.id === "bins-abuse");
    assert.equal(entry?.status, "archived");
    assert.equal(entry?.attempts, 1);
    assert.equal(entry?.lastEditor, "Tess Trainer");
    assert.equal(list.filter((row) => row.source === "built-in").length, 12);
    assert.equal((await setArchived(trainer, "bins-abuse", false)).ok, true);
    const [row] = await db.select().from(scenarios).where(eq(scenarios.id, "bins-abuse"));
    assert.equal(row?.status, "published");
    assert.ok((await auditActions("bins-abuse")).includes("scenario.archived"));
  });
});

describe("the review queue", () => {
  let runId = "";

  before(async () => {
    const text = readFileSync("tests/fixtures/authoring/tone-check.yaml", "utf8");
    await createFromTemplate(trainer, { id: "tone-check", title: "Tone check" });
    await saveDraft(trainer, "tone-check", { source: text, revision: 1, overwrite: false });
    assert.deepEqual(await publishDraft(trainer, "tone-check", 2), { ok: true, number: 1 });
    ({ runId } = await startScenario(staff.id, "tone-check", "assessed"));
    const acted = await takeAction(staff.id, runId, {
      type: "reply",
      target: "ann-asks",
      text: "Sorry for the wait, Ann: the bank holiday moved every round by a day.",
    });
    assert.equal(acted.ok, true);
  });

  test("lists the reply waiting for a trainer, with its thread and findings", async () => {
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.status, "awaiting-trainer");
    const queue = await reviewQueue();
    assert.equal(queue.length, 1);
    const [item] = queue;
    assert.equal(item?.trainee, "Sian Staff");
    assert.equal(item?.item.id, "tone");
    assert.equal(item?.item.max, 2);
    assert.match(item?.text ?? "", /bank holiday/);
    assert.equal(item?.context.kind, "thread");
    assert.deepEqual(
      item?.context.lines.map((line) => [line.author, line.graded]),
      [
        ["Anyshire District Council", false],
        ["Ann Lee", false],
        ["Anyshire District Council", true],
      ],
    );
  });

  test("a grade is stored with the item's points, audited, and the run's summary updated", async () => {
    const graded = await gradeReply(trainer, {
      runId,
      actionIndex: 0,
      item: "tone",
      meets: true,
      feedback: "Warm and clear: you explained why.",
    });
    assert.equal(graded.ok, true);
    const [grade] = await db.select().from(trainerGrades).where(eq(trainerGrades.runId, runId));
    assert.equal(grade?.points, 2);
    assert.equal(grade?.meets, true);
    assert.equal(grade?.feedback, "Warm and clear: you explained why.");
    const [run] = await db.select().from(runs).where(eq(runs.id, runId));
    assert.equal(run?.status, "passed");
    assert.equal(run?.score, 3);
    const [audited] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "run.graded"), eq(auditLog.subjectId, runId)));
    assert.equal(audited?.actorId, trainer.id);
    assert.deepEqual(await reviewQueue(), []);
  });

  test("a second grade of the same reply is refused, naming who graded it", async () => {
    const again = await gradeReply(otherTrainer, {
      runId,
      actionIndex: 0,
      item: "tone",
      meets: false,
      feedback: "Too short.",
    });
    assert.equal(!again.ok && again.status, 409);
    assert.match(!again.ok ? again.message : "", /Tess Trainer has already graded this reply/);
    assert.equal(await countRows(trainerGrades), 1);
  });

  test("a play-test or practice run is never in the queue", async () => {
    const [version] = await db
      .select()
      .from(scenarioVersions)
      .where(eq(scenarioVersions.scenarioId, "tone-check"));
    const { runId: practice } = await startRun({
      userId: staff.id,
      scenarioVersionId: version?.id ?? "",
      mode: "practice",
    });
    await takeAction(staff.id, practice, {
      type: "reply",
      target: "ann-asks",
      text: "It is the bank holiday.",
    });
    assert.deepEqual(await reviewQueue(), []);
    await assert.rejects(
      gradeReply(trainer, {
        runId: practice,
        actionIndex: 0,
        item: "tone",
        meets: true,
        feedback: "Good.",
      }),
      (error: Response) => error.status === 404,
    );
  });
});

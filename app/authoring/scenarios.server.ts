// Authoring use cases: the scenario list, drafts saved as trainers type, the model check,
// publishing immutable versions, copies and forks, archiving, and diffs between versions.
// A draft is never changed by anything but a save, so a failed check or publish loses nothing.
import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, max, ne, sql } from "drizzle-orm";
import { parseDocument, parse as parseYamlText } from "yaml";
import type { Queryable } from "../../db/client";
import {
  lessonVersions,
  runs,
  scenarioChecks,
  scenarioDrafts,
  scenarios,
  scenarioVersions,
  users,
} from "../../db/schema";
import {
  type CheckFailure,
  checkScenario,
  type Scenario,
  type ScenarioError,
} from "../../simulator";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import type { SessionUser } from "../auth/session.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { type Diagram, diagramOf, marksFrom } from "./diagram";
import { diffSources, hunksOf } from "./diff";
import { CHECK_STEP_LIMIT, sizeError, titleOf, validateSource } from "./source";
import { plainStep } from "./steps";
import { scenarioTemplate } from "./template";

export function hashOf(source: string): string {
  return createHash("sha256").update(source).digest("hex");
}

/** Lesson ids (`course/slug`) that exist, so a scenario cannot point at a lesson nobody wrote. */
export async function knownLessonIds(tx: Queryable = db): Promise<Set<string>> {
  const rows = await tx
    .selectDistinct({ courseId: lessonVersions.courseId, slug: lessonVersions.slug })
    .from(lessonVersions);
  return new Set(rows.map((row) => `${row.courseId}/${row.slug}`));
}

// --- The list ---

/** Every scenario, built-in and authored, with what a trainer needs to decide what to do next. */
export async function scenarioList() {
  const rows = await db
    .select({
      id: scenarios.id,
      source: scenarios.source,
      status: scenarios.status,
      forkedFromId: scenarios.forkedFromId,
      updatedAt: scenarios.updatedAt,
      publishedTitle: scenarioVersions.title,
      level: scenarioVersions.level,
      currentNumber: scenarioVersions.number,
      draftTitle: scenarioDrafts.title,
      draftSavedAt: scenarioDrafts.updatedAt,
      draftChanged: sql<boolean>`${scenarioDrafts.source} is distinct from ${scenarioVersions.source}`,
      editor: users.name,
    })
    .from(scenarios)
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId))
    .leftJoin(scenarioDrafts, eq(scenarioDrafts.scenarioId, scenarios.id))
    .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
    .orderBy(asc(scenarios.source), asc(scenarios.id));

  const [versionCounts, attempts, checks] = await Promise.all([
    db
      .select({
        scenarioId: scenarioVersions.scenarioId,
        published: sql<number>`count(*) filter (where ${scenarioVersions.publishedAt} is not null)::int`,
      })
      .from(scenarioVersions)
      .groupBy(scenarioVersions.scenarioId),
    db
      .select({
        scenarioId: runs.scenarioId,
        attempts: count(),
        ended: sql<number>`count(*) filter (where ${runs.status} in ('passed', 'failed'))::int`,
        passed: sql<number>`count(*) filter (where ${runs.status} = 'passed')::int`,
      })
      .from(runs)
      .where(ne(runs.mode, "playtest"))
      .groupBy(runs.scenarioId),
    db
      .selectDistinctOn([scenarioChecks.scenarioId], {
        scenarioId: scenarioChecks.scenarioId,
        ok: scenarioChecks.ok,
        errors: sql<number>`jsonb_array_length(${scenarioChecks.errors})`,
        failures: sql<number>`jsonb_array_length(${scenarioChecks.failures})`,
        checkedAt: scenarioChecks.checkedAt,
      })
      .from(scenarioChecks)
      .orderBy(scenarioChecks.scenarioId, desc(scenarioChecks.checkedAt)),
  ]);
  const versionsBy = new Map(versionCounts.map((row) => [row.scenarioId, row.published]));
  const attemptsBy = new Map(attempts.map((row) => [row.scenarioId, row]));
  const checkBy = new Map(checks.map((row) => [row.scenarioId, row]));

  return rows.map((row) => {
    const played = attemptsBy.get(row.id);
    const check = checkBy.get(row.id);
    return {
      id: row.id,
      source: row.source,
      status: row.status,
      forkedFromId: row.forkedFromId,
      title: row.draftTitle ?? row.publishedTitle ?? row.id,
      level: row.level,
      publishedVersions: versionsBy.get(row.id) ?? 0,
      currentNumber: row.currentNumber,
      /** An authored draft with changes not published yet. */
      unpublishedChanges: row.source === "authored" && row.draftTitle !== null && row.draftChanged,
      lastEditor: row.editor,
      lastEditedAt: row.draftSavedAt ?? row.updatedAt,
      check: check
        ? {
            ok: check.ok,
            problems: check.errors + check.failures,
            checkedAt: check.checkedAt,
          }
        : null,
      attempts: played?.attempts ?? 0,
      /** Passed runs out of ended ones, as a whole percentage; null before any run ended. */
      passRate:
        played && played.ended > 0 ? Math.round((played.passed / played.ended) * 100) : null,
    };
  });
}

// --- Creating: from the template, by duplicating, by forking ---

export type CreateResult =
  | { ok: true; scenarioId: string }
  | { ok: false; status: 404 | 409 | 422; errors: Record<string, string> };

async function idTaken(tx: Queryable, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: scenarios.id }).from(scenarios).where(eq(scenarios.id, id));
  return row !== undefined;
}

const takenMessage = (id: string) =>
  `A scenario with the id "${id}" already exists. Choose another id.`;

async function insertAuthored(
  tx: Queryable,
  user: SessionUser,
  fields: { id: string; source: string; title: string; forkedFromId: string | null },
): Promise<boolean> {
  const [created] = await tx
    .insert(scenarios)
    .values({
      id: fields.id,
      source: "authored",
      status: "draft",
      forkedFromId: fields.forkedFromId,
      createdBy: user.id,
    })
    .onConflictDoNothing()
    .returning({ id: scenarios.id });
  if (!created) return false;
  await tx.insert(scenarioDrafts).values({
    scenarioId: fields.id,
    source: fields.source,
    title: fields.title,
    updatedBy: user.id,
    updatedAt: now(),
  });
  return true;
}

/** A new authored scenario whose draft is the template: valid, and passing the checker. */
export async function createFromTemplate(
  user: SessionUser,
  fields: { id: string; title: string },
): Promise<CreateResult> {
  return db.transaction(async (tx): Promise<CreateResult> => {
    const source = scenarioTemplate(fields.id, fields.title);
    const created = await insertAuthored(tx, user, {
      id: fields.id,
      source,
      title: fields.title,
      forkedFromId: null,
    });
    if (!created) return { ok: false, status: 409, errors: { id: takenMessage(fields.id) } };
    await recordAudit(tx, {
      actorId: user.id,
      action: "scenario.created",
      subject: { type: "scenario", id: fields.id },
      details: { from: "template" },
    });
    return { ok: true, scenarioId: fields.id };
  });
}

/** The same YAML with another top-level id, keeping the trainer's layout and comments. */
export function withId(source: string, id: string): string {
  if (/^id:[^\n]*$/m.test(source)) return source.replace(/^id:[^\n]*$/m, `id: ${id}`);
  const document = parseDocument(source);
  document.set("id", id);
  return String(document);
}

/**
 * A copy of a scenario under a new id: of a built-in one, a fork (its file stays as it is); of
 * an authored one, a duplicate. The copy starts from the draft if there is one, else from the
 * current version.
 */
export async function copyScenario(
  user: SessionUser,
  fromId: string,
  newId: string,
): Promise<CreateResult> {
  return db.transaction(async (tx): Promise<CreateResult> => {
    const [from] = await tx
      .select({
        source: scenarios.source,
        draft: scenarioDrafts.source,
        draftTitle: scenarioDrafts.title,
        published: scenarioVersions.source,
        publishedTitle: scenarioVersions.title,
      })
      .from(scenarios)
      .leftJoin(scenarioDrafts, eq(scenarioDrafts.scenarioId, scenarios.id))
      .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId))
      .where(eq(scenarios.id, fromId));
    if (!from) return { ok: false, status: 404, errors: { form: "That scenario does not exist." } };
    const text = from.draft ?? from.published;
    if (text === null) {
      return { ok: false, status: 422, errors: { form: "That scenario has no text to copy yet." } };
    }
    if (await idTaken(tx, newId))
      return { ok: false, status: 409, errors: { id: takenMessage(newId) } };
    const fork = from.source === "built-in";
    const source = withId(text, newId);
    const title = titleOf(source) ?? from.draftTitle ?? from.publishedTitle ?? newId;
    const created = await insertAuthored(tx, user, {
      id: newId,
      source,
      title,
      forkedFromId: fork ? fromId : null,
    });
    if (!created) return { ok: false, status: 409, errors: { id: takenMessage(newId) } };
    await recordAudit(tx, {
      actorId: user.id,
      action: fork ? "scenario.forked" : "scenario.duplicated",
      subject: { type: "scenario", id: newId },
      details: { from: fromId },
    });
    return { ok: true, scenarioId: newId };
  });
}

/** A free id for a copy: "<id>-copy", "<id>-copy-2", ... */
export async function suggestCopyId(fromId: string): Promise<string> {
  const base = `${fromId.slice(0, 70)}-copy`;
  const rows = await db
    .select({ id: scenarios.id })
    .from(scenarios)
    .where(sql`${scenarios.id} like ${`${base}%`}`);
  const taken = new Set(rows.map((row) => row.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

// --- Reading one scenario for the editor ---

type ScenarioRow = typeof scenarios.$inferSelect;

async function scenarioRow(tx: Queryable, scenarioId: string): Promise<ScenarioRow> {
  const [row] = await tx.select().from(scenarios).where(eq(scenarios.id, scenarioId));
  if (!row) throw notFound();
  return row;
}

export async function versionsOf(scenarioId: string, tx: Queryable = db) {
  return tx
    .select({
      id: scenarioVersions.id,
      number: scenarioVersions.number,
      title: scenarioVersions.title,
      hash: scenarioVersions.hash,
      publishedAt: scenarioVersions.publishedAt,
      createdAt: scenarioVersions.createdAt,
      createdBy: users.name,
      runs: sql<number>`(select count(*)::int from ${runs} where ${runs.scenarioVersionId} = ${scenarioVersions.id})`,
    })
    .from(scenarioVersions)
    .leftJoin(users, eq(users.id, scenarioVersions.createdBy))
    .where(eq(scenarioVersions.scenarioId, scenarioId))
    .orderBy(desc(scenarioVersions.number));
}

export interface StoredCheck {
  ok: boolean;
  states: number;
  errors: ScenarioError[];
  failures: CheckFailure[];
  checkedAt: Date;
}

async function storedCheck(scenarioId: string, hash: string, tx: Queryable = db) {
  const [row] = await tx
    .select({
      ok: scenarioChecks.ok,
      states: scenarioChecks.states,
      errors: scenarioChecks.errors,
      failures: scenarioChecks.failures,
      checkedAt: scenarioChecks.checkedAt,
    })
    .from(scenarioChecks)
    .where(and(eq(scenarioChecks.scenarioId, scenarioId), eq(scenarioChecks.hash, hash)));
  return row ?? null;
}

/** A check as the page shows it: every counter-example step in words. */
function presentCheck(check: StoredCheck | null) {
  if (!check) return null;
  return {
    ok: check.ok,
    states: check.states,
    checkedAt: check.checkedAt,
    errors: check.errors,
    failures: check.failures.map((failure, index) => ({
      index,
      property: failure.property,
      message: failure.message,
      steps: failure.path.map(plainStep),
      /** Only a run with at least one step can be replayed. */
      replayable: failure.path.length > 0,
    })),
  };
}

/** The editor page: the draft (or, for a built-in scenario, its file), its check and diagram. */
export async function editorFor(scenarioId: string) {
  const row = await scenarioRow(db, scenarioId);
  const [[draft], versions, known] = await Promise.all([
    db
      .select({
        source: scenarioDrafts.source,
        revision: scenarioDrafts.revision,
        title: scenarioDrafts.title,
        updatedAt: scenarioDrafts.updatedAt,
        updatedBy: users.name,
      })
      .from(scenarioDrafts)
      .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
      .where(eq(scenarioDrafts.scenarioId, scenarioId)),
    versionsOf(scenarioId),
    knownLessonIds(),
  ]);
  const current = versions.find((version) => version.id === row.currentVersionId) ?? null;
  const [currentSource] = current
    ? await db
        .select({ source: scenarioVersions.source })
        .from(scenarioVersions)
        .where(eq(scenarioVersions.id, current.id))
    : [];
  const text = draft?.source ?? currentSource?.source ?? "";
  const validation = validateSource(text, { scenarioId, knownLessonIds: known });
  const check = await storedCheck(scenarioId, hashOf(text));
  const diagram = validation.ok
    ? diagramOf(validation.scenario, marksFrom(check?.failures ?? []))
    : null;
  return {
    scenario: {
      id: row.id,
      source: row.source,
      status: row.status,
      forkedFromId: row.forkedFromId,
      editable: row.source === "authored" && row.status !== "archived",
    },
    title: draft?.title ?? current?.title ?? row.id,
    draft: draft
      ? {
          source: draft.source,
          revision: draft.revision,
          updatedAt: draft.updatedAt,
          updatedBy: draft.updatedBy,
        }
      : null,
    text,
    current: current ? { number: current.number, publishedAt: current.publishedAt } : null,
    draftIsPublished: current !== null && currentSource?.source === text,
    versions: versions.map(({ id: _id, hash: _hash, ...version }) => version),
    errors: validation.ok ? [] : validation.errors,
    check: presentCheck(check),
    diagram,
    copyId: await suggestCopyId(scenarioId),
  };
}

/** The editable draft of an authored scenario that is not archived, locked for this transaction. */
async function lockDraft(tx: Queryable, scenarioId: string) {
  const [row] = await tx
    .select({
      source: scenarioDrafts.source,
      revision: scenarioDrafts.revision,
      updatedAt: scenarioDrafts.updatedAt,
      updatedBy: scenarioDrafts.updatedBy,
      editor: users.name,
      status: scenarios.status,
      currentVersionId: scenarios.currentVersionId,
    })
    .from(scenarioDrafts)
    .innerJoin(scenarios, eq(scenarios.id, scenarioDrafts.scenarioId))
    .leftJoin(users, eq(users.id, scenarioDrafts.updatedBy))
    .where(and(eq(scenarioDrafts.scenarioId, scenarioId), eq(scenarios.source, "authored")))
    .for("update", { of: [scenarioDrafts, scenarios] });
  if (!row) throw notFound();
  return row;
}

const timeOfDay = new Intl.DateTimeFormat("en-GB", {
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "Europe/London",
});

// --- Saving ---

export type SaveResult =
  | { ok: true; revision: number; savedAt: Date; errors: ScenarioError[] }
  | {
      ok: false;
      status: 409 | 413;
      reason: "conflict" | "too-large" | "archived";
      message: string;
      revision?: number;
    };

/**
 * Saves the trainer's text as the draft. A text that does not parse is saved too (work in
 * progress is never thrown away); only a text over the size limit is refused. If someone saved
 * since the revision the editor loaded, nothing is written unless the trainer says overwrite.
 */
export async function saveDraft(
  user: SessionUser,
  scenarioId: string,
  input: { source: string; revision: number; overwrite: boolean },
): Promise<SaveResult> {
  const tooLarge = sizeError(input.source);
  if (tooLarge) return { ok: false, status: 413, reason: "too-large", message: tooLarge.message };
  const known = await knownLessonIds();
  const validation = validateSource(input.source, { scenarioId, knownLessonIds: known });
  return db.transaction(async (tx): Promise<SaveResult> => {
    const draft = await lockDraft(tx, scenarioId);
    if (draft.status === "archived") {
      return {
        ok: false,
        status: 409,
        reason: "archived",
        message: "This scenario is archived, so its draft cannot change. Restore it first.",
      };
    }
    if (draft.revision !== input.revision && !input.overwrite) {
      const who = draft.updatedBy === user.id ? "You" : (draft.editor ?? "Someone");
      return {
        ok: false,
        status: 409,
        reason: "conflict",
        message: `${who} saved this draft at ${timeOfDay.format(draft.updatedAt)}${draft.updatedBy === user.id ? " in another window" : ""}, after you opened it. Your text was not saved, and it is still in the editor: copy it somewhere safe, reload to see theirs, or save yours over it.`,
        revision: draft.revision,
      };
    }
    if (draft.source === input.source && draft.revision === input.revision) {
      return {
        ok: true,
        revision: draft.revision,
        savedAt: draft.updatedAt,
        errors: validation.ok ? [] : validation.errors,
      };
    }
    const savedAt = now();
    const revision = draft.revision + 1;
    const title = validation.ok ? validation.scenario.title : titleOf(input.source);
    await tx
      .update(scenarioDrafts)
      .set({
        source: input.source,
        revision,
        updatedBy: user.id,
        updatedAt: savedAt,
        ...(title ? { title } : {}),
      })
      .where(eq(scenarioDrafts.scenarioId, scenarioId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "scenario.draft-saved",
      subject: { type: "scenario", id: scenarioId },
      details: {
        revision,
        bytes: Buffer.byteLength(input.source),
        valid: validation.ok,
        ...(input.overwrite && draft.revision !== input.revision
          ? { overwrote: draft.revision }
          : {}),
      },
    });
    return { ok: true, revision, savedAt, errors: validation.ok ? [] : validation.errors };
  });
}

// --- Checking ---

export type CheckOutcome =
  | { ok: true; scenario: Scenario; hash: string; check: StoredCheck }
  | { ok: false; hash: string; check: StoredCheck };

/**
 * Validates and model-checks one text of a scenario, with the step limit that keeps the
 * request short; the verdict is stored by the text's hash, so the same text is checked once.
 */
export async function checkText(
  user: SessionUser,
  scenarioId: string,
  source: string,
  limit = CHECK_STEP_LIMIT,
): Promise<CheckOutcome> {
  const hash = hashOf(source);
  const validation = validateSource(source, { scenarioId, knownLessonIds: await knownLessonIds() });
  const stored = await storedCheck(scenarioId, hash);
  if (stored) {
    return validation.ok && stored.ok
      ? { ok: true, scenario: validation.scenario, hash, check: stored }
      : { ok: false, hash, check: stored };
  }
  const verdict: Omit<StoredCheck, "checkedAt"> = validation.ok
    ? (() => {
        const report = checkScenario(validation.scenario, { limit });
        return {
          ok: report.ok,
          states: report.states,
          errors: [],
          failures: report.failures.map((failure) =>
            failure.property === "explored"
              ? {
                  ...failure,
                  message: `The check did not finish: it stopped after ${limit.toLocaleString("en-GB")} steps, because the scenario allows too many different runs to explore in time. Use fewer reactions that stay in the same beat (about five per beat), give escalate reactions a target, or let injects that arrive together share a moment.`,
                }
              : failure,
          ),
        };
      })()
    : { ok: false, states: 0, errors: validation.errors, failures: [] };
  const checkedAt = now();
  await db
    .insert(scenarioChecks)
    .values({ scenarioId, hash, ...verdict, checkedBy: user.id, checkedAt })
    .onConflictDoNothing();
  const check = { ...verdict, checkedAt };
  return validation.ok && check.ok
    ? { ok: true, scenario: validation.scenario, hash, check }
    : { ok: false, hash, check };
}

/** The saved draft at the revision the trainer sees, or why not. */
async function draftAt(scenarioId: string, revision: number) {
  const [draft] = await db
    .select({
      source: scenarioDrafts.source,
      revision: scenarioDrafts.revision,
      status: scenarios.status,
    })
    .from(scenarioDrafts)
    .innerJoin(scenarios, eq(scenarios.id, scenarioDrafts.scenarioId))
    .where(and(eq(scenarioDrafts.scenarioId, scenarioId), eq(scenarios.source, "authored")));
  if (!draft) throw notFound();
  if (draft.revision !== revision) {
    return {
      ok: false as const,
      message:
        "The draft changed since this page showed it (a newer save, perhaps from another window). Nothing was done: look at the latest text, then try again.",
    };
  }
  return { ok: true as const, source: draft.source, status: draft.status };
}

export type DraftCheckResult = { ok: boolean; message: string };

export async function checkDraft(
  user: SessionUser,
  scenarioId: string,
  revision: number,
): Promise<DraftCheckResult> {
  const draft = await draftAt(scenarioId, revision);
  if (!draft.ok) return { ok: false, message: draft.message };
  const outcome = await checkText(user, scenarioId, draft.source);
  return outcome.ok
    ? {
        ok: true,
        message: `The check passed: ${outcome.check.states.toLocaleString("en-GB")} states explored, no problems found.`,
      }
    : { ok: false, message: problemsSentence(outcome.check) };
}

function problemsSentence(check: StoredCheck): string {
  const problems = check.errors.length + check.failures.length;
  if (check.errors.length > 0) {
    return `The draft has ${problems} mistake${problems === 1 ? "" : "s"} in its text to fix first; they are listed with their lines.`;
  }
  return `The check found ${problems} problem${problems === 1 ? "" : "s"}; each is listed with a run that shows it.`;
}

// --- Publishing ---

export type PublishResult =
  | { ok: true; number: number }
  | { ok: false; status: 409 | 422; message: string };

/**
 * Publishes the draft as the scenario's next version, only if it passes validation and the
 * model check. Versions are never changed: the same text as an earlier play-test snapshot is
 * that version, published now; the same text as the current version is refused as no change.
 * On any refusal nothing is written, so the draft and the live version stay as they were.
 */
export async function publishDraft(
  user: SessionUser,
  scenarioId: string,
  revision: number,
): Promise<PublishResult> {
  const draft = await draftAt(scenarioId, revision);
  if (!draft.ok) return { ok: false, status: 409, message: draft.message };
  if (draft.status === "archived") {
    return {
      ok: false,
      status: 409,
      message: "This scenario is archived. Restore it before you publish.",
    };
  }
  const outcome = await checkText(user, scenarioId, draft.source);
  if (!outcome.ok) {
    return {
      ok: false,
      status: 422,
      message: `Not published. ${problemsSentence(outcome.check)} The draft is as you left it, and trainees still get the current version.`,
    };
  }
  return db.transaction(async (tx): Promise<PublishResult> => {
    const locked = await lockDraft(tx, scenarioId);
    if (locked.revision !== revision || hashOf(locked.source) !== outcome.hash) {
      return {
        ok: false,
        status: 409,
        message: "The draft changed while it was being checked. Nothing was published: try again.",
      };
    }
    const [existing] = await tx
      .select({
        id: scenarioVersions.id,
        number: scenarioVersions.number,
        publishedAt: scenarioVersions.publishedAt,
      })
      .from(scenarioVersions)
      .where(
        and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.hash, outcome.hash)),
      );
    if (existing && existing.id === locked.currentVersionId && locked.status === "published") {
      return {
        ok: false,
        status: 409,
        message: `Nothing to publish: the draft is the same as version ${existing.number}, which trainees already get.`,
      };
    }
    const at = now();
    let version: { id: string; number: number };
    if (existing) {
      // The text was play-tested or published before: that version, published (again) now.
      if (existing.publishedAt === null) {
        await tx
          .update(scenarioVersions)
          .set({ publishedAt: at })
          .where(eq(scenarioVersions.id, existing.id));
      }
      version = existing;
    } else {
      version = await insertVersion(tx, user, scenarioId, locked.source, outcome.scenario, at);
    }
    await tx
      .update(scenarios)
      .set({ currentVersionId: version.id, status: "published", updatedAt: at })
      .where(eq(scenarios.id, scenarioId));
    await recordAudit(tx, {
      actorId: user.id,
      action: "scenario.published",
      subject: { type: "scenario", id: scenarioId },
      details: { version: version.number, hash: outcome.hash, states: outcome.check.states },
    });
    return { ok: true, number: version.number };
  });
}

/** A new immutable version with the next number; the scenario row must be locked. */
async function insertVersion(
  tx: Queryable,
  user: SessionUser,
  scenarioId: string,
  source: string,
  scenario: Scenario,
  publishedAt: Date | null,
): Promise<{ id: string; number: number }> {
  const [last] = await tx
    .select({ number: max(scenarioVersions.number) })
    .from(scenarioVersions)
    .where(eq(scenarioVersions.scenarioId, scenarioId));
  const [version] = await tx
    .insert(scenarioVersions)
    .values({
      scenarioId,
      number: (last?.number ?? 0) + 1,
      hash: hashOf(source),
      source,
      // The YAML as JSON, as the library stores it: the simulator's parseScenario reads it.
      document: parseYamlText(source),
      title: scenario.title,
      level: scenario.level,
      publishedAt,
      createdBy: user.id,
    })
    .returning({ id: scenarioVersions.id, number: scenarioVersions.number });
  if (!version) throw new Error("scenario version insert returned nothing");
  return version;
}

/**
 * The version a play-test runs on: the draft's exact text, stored unpublished (publishedAt
 * null) unless that text is already a version. Only a draft that parses can be played.
 */
export async function playtestSnapshot(
  user: SessionUser,
  scenarioId: string,
  revision: number,
): Promise<
  | { ok: true; versionId: string; source: string }
  | { ok: false; message: string; errors: ScenarioError[] }
> {
  const draft = await draftAt(scenarioId, revision);
  if (!draft.ok) return { ok: false, message: draft.message, errors: [] };
  if (draft.status === "archived") {
    return {
      ok: false,
      message: "This scenario is archived. Restore it before you play-test it.",
      errors: [],
    };
  }
  const validation = validateSource(draft.source, {
    scenarioId,
    knownLessonIds: await knownLessonIds(),
  });
  if (!validation.ok) {
    const n = validation.errors.length;
    return {
      ok: false,
      message: `The draft cannot be played until its text is valid: fix the ${n} mistake${n === 1 ? "" : "s"} listed below the editor.`,
      errors: validation.errors,
    };
  }
  return db.transaction(async (tx) => {
    const locked = await lockDraft(tx, scenarioId);
    if (locked.revision !== revision) {
      return {
        ok: false as const,
        message: "The draft changed a moment ago. Try the play-test again.",
        errors: [],
      };
    }
    const hash = hashOf(locked.source);
    const [existing] = await tx
      .select({ id: scenarioVersions.id })
      .from(scenarioVersions)
      .where(and(eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.hash, hash)));
    const versionId =
      existing?.id ??
      (await insertVersion(tx, user, scenarioId, locked.source, validation.scenario, null)).id;
    await recordAudit(tx, {
      actorId: user.id,
      action: "scenario.playtested",
      subject: { type: "scenario", id: scenarioId },
      details: { versionId },
    });
    return { ok: true as const, versionId, source: locked.source };
  });
}

// --- Archive and restore ---

export async function setArchived(
  user: SessionUser,
  scenarioId: string,
  archived: boolean,
): Promise<{ ok: true; message: string } | { ok: false; message: string }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: scenarios.status, currentVersionId: scenarios.currentVersionId })
      .from(scenarios)
      .where(eq(scenarios.id, scenarioId))
      .for("update");
    if (!row) throw notFound();
    if (archived === (row.status === "archived")) {
      return {
        ok: false as const,
        message: archived ? "This scenario is already archived." : "This scenario is not archived.",
      };
    }
    const status = archived ? "archived" : row.currentVersionId ? "published" : "draft";
    await tx
      .update(scenarios)
      .set({ status, updatedAt: now() })
      .where(eq(scenarios.id, scenarioId));
    await recordAudit(tx, {
      actorId: user.id,
      action: archived ? "scenario.archived" : "scenario.restored",
      subject: { type: "scenario", id: scenarioId },
      details: { status },
    });
    return {
      ok: true as const,
      message: archived
        ? "Archived: no one can start a new run of it. Runs already played keep their history."
        : status === "published"
          ? "Restored: trainees can practise it again."
          : "Restored as a draft.",
    };
  });
}

// --- Versions and diffs ---

/** Two versions side by side as a line diff; by default the latest two. */
export async function versionDiffFor(scenarioId: string, query: { from?: number; to?: number }) {
  const row = await scenarioRow(db, scenarioId);
  const versions = await versionsOf(scenarioId);
  const numbers = versions.map((version) => version.number);
  const to = query.to ?? numbers[0];
  const from = query.from ?? numbers.find((number) => to !== undefined && number < to);
  const base = {
    scenario: { id: row.id, source: row.source, status: row.status },
    title: versions[0]?.title ?? row.id,
    versions: versions.map(({ hash: _hash, id: _id, ...version }) => version),
    from: from ?? null,
    to: to ?? null,
  };
  if (from === undefined || to === undefined) return { ...base, diff: null, problem: null };
  const sources = await db
    .select({ number: scenarioVersions.number, source: scenarioVersions.source })
    .from(scenarioVersions)
    .where(
      and(
        eq(scenarioVersions.scenarioId, scenarioId),
        sql`${scenarioVersions.number} in (${from}, ${to})`,
      ),
    );
  const older = sources.find((version) => version.number === from);
  const newer = sources.find((version) => version.number === to);
  if (!older || !newer) {
    return {
      ...base,
      diff: null,
      problem: `There is no version ${!older ? from : to} of this scenario. Choose from the versions listed.`,
    };
  }
  const diff = diffSources(older.source, newer.source);
  return {
    ...base,
    diff: { added: diff.added, removed: diff.removed, hunks: hunksOf(diff) },
    problem: null,
  };
}

// --- The home page ---

/** Drafts with changes not published yet, for the trainer's home card. */
export async function draftsWaiting(): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(scenarioDrafts)
    .innerJoin(scenarios, eq(scenarios.id, scenarioDrafts.scenarioId))
    .leftJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId))
    .where(
      and(
        ne(scenarios.status, "archived"),
        sql`${scenarioDrafts.source} is distinct from ${scenarioVersions.source}`,
      ),
    );
  return row?.n ?? 0;
}

export type { Diagram };

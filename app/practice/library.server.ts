// Imports the built-in scenario library (courses/scenarios/*.yaml) into the database at
// start-up, as app/content/load.server.ts does for courses. A version is the sha256 of a
// file's YAML: unchanged files add nothing, an edited file adds a new version that new runs
// start on, and runs already played keep the version they were played on.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { and, eq, max, sql } from "drizzle-orm";
import { parse as parseYamlText } from "yaml";
import type { Queryable } from "../../db/client";
import { scenarios, scenarioVersions } from "../../db/schema";
import { parseScenarioYaml } from "../../simulator";
import { now } from "../clock.server";
import { ContentError, type ContentProblem } from "../content/problems";
import { readCourses } from "../content/read.server";

export interface ScenarioFile {
  path: string;
  /** The YAML as written. */
  source: string;
  hash: string;
  id: string;
  title: string;
  level: string;
  /** The YAML parsed to JSON: the scenario document the simulator's parseScenario reads. */
  document: unknown;
}

export interface ScenarioLoadSummary {
  scenarios: number;
  /** Versions added by this load; zero when no file changed. */
  added: number;
}

/**
 * Reads and validates every scenario file, or throws a ContentError naming each bad file with
 * its line and message. Lesson ids are checked against the lessons that exist.
 */
export function readScenarioFiles(
  dir = "courses/scenarios",
  knownLessonIds: Iterable<string> = readCourses().flatMap((course) =>
    course.lessons.map((lesson) => lesson.id),
  ),
): ScenarioFile[] {
  const known = new Set(knownLessonIds);
  const files: ScenarioFile[] = [];
  const problems: ContentProblem[] = [];
  const seen = new Map<string, string>();
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".yaml"))
    .sort();
  for (const name of names) {
    const path = posix.join(dir, name);
    const source = readFileSync(path, "utf8");
    const parsed = parseScenarioYaml(source, { knownLessonIds: known });
    if (!parsed.ok) {
      for (const error of parsed.errors) {
        problems.push({
          file: path,
          line: error.line,
          column: error.column,
          message: `${error.path}: ${error.message}`,
        });
      }
      continue;
    }
    const { scenario } = parsed;
    const earlier = seen.get(scenario.id);
    if (earlier) {
      problems.push({
        file: path,
        message: `scenario id "${scenario.id}" is also used by ${earlier}`,
      });
      continue;
    }
    seen.set(scenario.id, path);
    files.push({
      path,
      source,
      hash: createHash("sha256").update(source).digest("hex"),
      id: scenario.id,
      title: scenario.title,
      level: scenario.level,
      document: parseYamlText(source),
    });
  }
  if (problems.length > 0) throw new ContentError(problems);
  return files;
}

/** Stores any scenario version not stored yet and points each built-in scenario at its file. */
export async function loadScenarios(
  db: Queryable,
  read: ScenarioFile[] | (() => ScenarioFile[]) = () => readScenarioFiles(),
): Promise<ScenarioLoadSummary> {
  const files = typeof read === "function" ? read() : read;
  const summary: ScenarioLoadSummary = { scenarios: files.length, added: 0 };
  await db.transaction(async (tx) => {
    for (const file of files) {
      if (await loadScenario(tx, file)) summary.added++;
    }
  });
  return summary;
}

export function describeScenarioLoad(summary: ScenarioLoadSummary): string {
  const what = `${summary.scenarios} scenario${summary.scenarios === 1 ? "" : "s"}`;
  return summary.added === 0
    ? `Scenarios loaded: ${what}, nothing changed.`
    : `Scenarios loaded: ${what}; new versions: ${summary.added}.`;
}

async function loadScenario(tx: Queryable, file: ScenarioFile): Promise<boolean> {
  await tx
    .insert(scenarios)
    .values({ id: file.id, source: "built-in", status: "published" })
    .onConflictDoNothing();

  let added = false;
  let [version] = await tx
    .select({ id: scenarioVersions.id })
    .from(scenarioVersions)
    .where(and(eq(scenarioVersions.scenarioId, file.id), eq(scenarioVersions.hash, file.hash)));
  if (!version) {
    const [last] = await tx
      .select({ number: max(scenarioVersions.number) })
      .from(scenarioVersions)
      .where(eq(scenarioVersions.scenarioId, file.id));
    [version] = await tx
      .insert(scenarioVersions)
      .values({
        scenarioId: file.id,
        number: (last?.number ?? 0) + 1,
        hash: file.hash,
        source: file.source,
        document: file.document,
        title: file.title,
        level: file.level,
        publishedAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: scenarioVersions.id });
    added = version !== undefined;
    // Another server loading the same file at the same moment stored it first.
    if (!version)
      [version] = await tx
        .select({ id: scenarioVersions.id })
        .from(scenarioVersions)
        .where(and(eq(scenarioVersions.scenarioId, file.id), eq(scenarioVersions.hash, file.hash)));
  }
  if (!version) throw new Error(`scenario version of ${file.id} was neither added nor found`);
  // A file put back to an earlier text makes that earlier version current again. Only the
  // built-in scenario follows its file; an authored one with the same id is left alone.
  await tx
    .update(scenarios)
    .set({ currentVersionId: version.id, updatedAt: sql`now()` })
    .where(
      and(
        eq(scenarios.id, file.id),
        eq(scenarios.source, "built-in"),
        sql`${scenarios.currentVersionId} is distinct from ${version.id}`,
      ),
    );
  return added;
}

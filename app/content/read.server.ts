// Read every course under `courses/` from disk, validate it, and hash each file so the app can
// store each version of the content once and pin attempts and certificates to it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { checkCourses } from "./check";
import { parseCourse, parseLesson, parseQuiz } from "./parse";
import { ContentError, type ContentProblem } from "./problems";
import { type ProgrammeRequirement, programmeSchema } from "./schema";
import type { Course, Lesson, Programme, Quiz, SourceFile } from "./types";
import { parseYaml } from "./yaml";

export interface CourseReading {
  courses: Course[];
  problems: ContentProblem[];
}

/**
 * Read, validate and cross-check every course, returning whatever could be read alongside every
 * problem found. A folder is a course when it holds a course.yaml; others (such as
 * `scenarios/`) are left alone.
 */
export function inspectCourses(dir = "courses"): CourseReading {
  const courses: Course[] = [];
  const problems: ContentProblem[] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(posix.join(dir, entry.name, "course.yaml")),
    )
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    const course = readCourse(posix.join(dir, folder), problems);
    if (course) courses.push(course);
  }
  // Cross-checks on half-read content would only repeat the parse errors in other words.
  if (problems.length === 0) problems.push(...checkCourses(courses));
  return { courses, problems };
}

/** Read every course, or throw a ContentError listing every problem with its file and line. */
export function readCourses(dir = "courses"): Course[] {
  const { courses, problems } = inspectCourses(dir);
  if (problems.length > 0) throw new ContentError(problems);
  return courses;
}

function readCourse(folder: string, problems: ContentProblem[]): Course | undefined {
  const courseFile = readSource(posix.join(folder, "course.yaml"));
  const meta = parseCourse(courseFile.text, courseFile.source.path);
  if (!meta.ok) problems.push(...meta.problems);

  const lessons: Lesson[] = [];
  const lessonFolder = posix.join(folder, "lessons");
  const lessonNames = existsSync(lessonFolder)
    ? readdirSync(lessonFolder)
        .filter((name) => name.endsWith(".md"))
        .sort()
    : [];
  for (const name of lessonNames) {
    const file = readSource(posix.join(lessonFolder, name));
    const parsed = parseLesson(file.text, file.source.path);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const slug = parsed.value.id.split("/")[1] ?? "";
    lessons.push({ ...parsed.value, slug, source: file.source });
  }

  let quiz: Quiz | null = null;
  const quizPath = posix.join(folder, "quiz.yaml");
  if (existsSync(quizPath)) {
    const file = readSource(quizPath);
    const parsed = parseQuiz(file.text, file.source.path);
    if (parsed.ok) quiz = { ...parsed.value, source: file.source };
    else problems.push(...parsed.problems);
  }

  if (!meta.ok) return undefined;
  const { lessons: lessonOrder, quiz: quizRules, ...rest } = meta.value;
  const hashes = [courseFile.source, ...lessons.map((lesson) => lesson.source)];
  if (quiz) hashes.push(quiz.source);
  return {
    ...rest,
    quizRules,
    lessonOrder,
    lessons,
    quiz,
    source: courseFile.source,
    contentHash: combinedHash(folder, hashes),
  };
}

function readSource(path: string): { text: string; source: SourceFile } {
  const bytes = readFileSync(path);
  return {
    text: bytes.toString("utf8"),
    source: { path, sha256: createHash("sha256").update(bytes).digest("hex") },
  };
}

/** Hash of each file's path (relative to the course) and hash, so a rename counts as a change. */
function combinedHash(folder: string, files: SourceFile[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(`${posix.relative(folder, file.path)}\0${file.sha256}\n`);
  }
  return hash.digest("hex");
}

// --- Programmes ---

export interface ProgrammeReading {
  programmes: Programme[];
  problems: ContentProblem[];
}

/** What a programme may refer to, so references can be checked without reading files here. */
export interface ProgrammeReferences {
  courses: ReadonlyArray<Pick<Course, "id" | "lessonOrder" | "quiz">>;
  scenarios: ReadonlyArray<{
    id: string;
    level: string;
    rubric: { items: ReadonlyArray<{ id: string; judged: string }> };
  }>;
}

/**
 * Read and validate every programme in `dir` (one `<id>.yaml` each), returning whatever could
 * be read alongside every problem found. Given `references`, also check that every course,
 * scenario, rubric item and programme a requirement names exists.
 */
export function inspectProgrammes(
  dir = "courses/programmes",
  references?: ProgrammeReferences,
): ProgrammeReading {
  const programmes: Programme[] = [];
  const problems: ContentProblem[] = [];
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => name.endsWith(".yaml"))
        .sort()
    : [];
  for (const name of names) {
    const file = readSource(posix.join(dir, name));
    const parsed = parseYaml(file.text, programmeSchema, file.source.path);
    if (parsed.ok) programmes.push({ ...parsed.value, source: file.source });
    else problems.push(...parsed.problems);
  }
  if (problems.length === 0) problems.push(...checkProgrammes(programmes, references));
  return { programmes, problems };
}

/** Read every programme, or throw a ContentError listing every problem with its file and line. */
export function readProgrammes(
  dir = "courses/programmes",
  references?: ProgrammeReferences,
): Programme[] {
  const { programmes, problems } = inspectProgrammes(dir, references);
  if (problems.length > 0) throw new ContentError(problems);
  return programmes;
}

/**
 * Checks across programmes that a schema alone cannot make: ids match file names and are
 * unique, programme prerequisites exist and never go round in a circle and, given
 * `references`, every course, quiz, scenario and trainer-judged rubric item exists.
 */
export function checkProgrammes(
  programmes: readonly Programme[],
  references?: ProgrammeReferences,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map<string, Programme>();
  for (const programme of programmes) {
    const file = programme.source.path;
    const name = file.split("/").at(-1);
    if (name !== `${programme.id}.yaml`) {
      problems.push({ file, message: `programme id "${programme.id}" must match its file name` });
    }
    const earlier = byId.get(programme.id);
    if (earlier) {
      problems.push({
        file,
        message: `programme id "${programme.id}" is also used by ${earlier.source.path}`,
      });
    }
    byId.set(programme.id, programme);
  }

  const courses = references && new Map(references.courses.map((course) => [course.id, course]));
  const scenarios =
    references && new Map(references.scenarios.map((scenario) => [scenario.id, scenario]));
  for (const programme of programmes) {
    const file = programme.source.path;
    const sets: Array<[string, ProgrammeRequirement[]]> = [
      ["requirements", programme.requirements],
      ["renewal.requirements", programme.renewal.requirements],
    ];
    for (const [where, requirements] of sets) {
      for (const requirement of requirements) {
        const at = `${where} "${requirement.id}"`;
        const problem = requirementProblem(programme, requirement, byId, courses, scenarios);
        if (problem) problems.push({ file, message: `${at}: ${problem}` });
      }
    }
  }

  // Prerequisites must not go round in a circle, or nobody could ever be certified.
  const visiting = new Set<string>();
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (done.has(id)) return;
    const programme = byId.get(id);
    if (!programme) return;
    if (visiting.has(id)) {
      problems.push({
        file: programme.source.path,
        message: `programmes require each other in a circle: ${[...trail, id].join(" -> ")}`,
      });
      return;
    }
    visiting.add(id);
    for (const requirement of programme.requirements) {
      if (requirement.type === "programme") visit(requirement.programme, [...trail, id]);
    }
    visiting.delete(id);
    done.add(id);
  };
  for (const programme of programmes) visit(programme.id, []);
  return problems;
}

function requirementProblem(
  programme: Programme,
  requirement: ProgrammeRequirement,
  programmes: ReadonlyMap<string, Programme>,
  courses: ReadonlyMap<string, ProgrammeReferences["courses"][number]> | undefined,
  scenarios: ReadonlyMap<string, ProgrammeReferences["scenarios"][number]> | undefined,
): string | null {
  switch (requirement.type) {
    case "programme":
      if (requirement.programme === programme.id) return "a programme cannot require itself";
      return programmes.has(requirement.programme)
        ? null
        : `names programme "${requirement.programme}", which does not exist`;
    case "lessons":
    case "quiz": {
      if (!courses) return null;
      const course = courses.get(requirement.course);
      if (!course) return `names course "${requirement.course}", which does not exist`;
      if (requirement.type === "quiz" && !course.quiz) {
        return `course "${requirement.course}" has no quiz`;
      }
      if (requirement.type === "lessons" && course.lessonOrder.length === 0) {
        return `course "${requirement.course}" has no lessons`;
      }
      return null;
    }
    case "scenario":
      if (!scenarios) return null;
      return scenarios.has(requirement.scenario)
        ? null
        : `names scenario "${requirement.scenario}", which is not in courses/scenarios/`;
    case "trainer-sign-off": {
      if (!scenarios) return null;
      const scenario = scenarios.get(requirement.scenario);
      if (!scenario)
        return `names scenario "${requirement.scenario}", which is not in courses/scenarios/`;
      const item = scenario.rubric.items.find(
        (candidate) => candidate.id === requirement.rubricItem,
      );
      if (!item) {
        return `scenario "${requirement.scenario}" has no rubric item "${requirement.rubricItem}"`;
      }
      return item.judged === "trainer"
        ? null
        : `rubric item "${requirement.rubricItem}" of "${requirement.scenario}" is judged automatically, so there is nothing for a trainer to sign off`;
    }
  }
}

// Read every course under `courses/` from disk, validate it, and hash each file so the app can
// store each version of the content once and pin attempts and certificates to it.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";
import { checkCourses } from "./check";
import { parseCourse, parseLesson, parseQuiz } from "./parse";
import { ContentError, type ContentProblem } from "./problems";
import type { Course, Lesson, Quiz, SourceFile } from "./types";

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

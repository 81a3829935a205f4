// Parse one content file's text. Pure, so tests can feed it small, broken inputs.
import type { ContentProblem } from "./problems";
import {
  type CourseFile,
  courseSchema,
  type LessonFrontMatter,
  lessonFrontMatterSchema,
  type QuizFile,
  quizSchema,
} from "./schema";
import { type Parsed, parseYaml } from "./yaml";

export function parseCourse(source: string, file: string): Parsed<CourseFile> {
  return parseYaml(source, courseSchema, file);
}

export function parseQuiz(source: string, file: string): Parsed<QuizFile> {
  return parseYaml(source, quizSchema, file);
}

export type ParsedLesson = LessonFrontMatter & { body: string };

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** A lesson is Markdown that opens with YAML front matter between two `---` lines. */
export function parseLesson(source: string, file: string): Parsed<ParsedLesson> {
  const match = frontMatter.exec(source);
  if (!match) {
    const problem: ContentProblem = {
      file,
      line: 1,
      column: 1,
      message: "a lesson must start with front matter between two --- lines",
    };
    return { ok: false, problems: [problem] };
  }
  // The front matter starts on line 2, after the opening ---.
  const parsed = parseYaml(match[1] ?? "", lessonFrontMatterSchema, file, { lineOffset: 1 });
  if (!parsed.ok) return parsed;
  return { ok: true, value: { ...parsed.value, body: source.slice(match[0].length) } };
}

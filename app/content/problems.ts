// A problem found in a content file, precise enough for a writer to go straight to it.

export interface ContentProblem {
  /** Path of the file, as given to the reader (for example `courses/x/quiz.yaml`). */
  file: string;
  /** 1-based line and column, when the problem can be placed in the file. */
  line?: number;
  column?: number;
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  const where =
    problem.line === undefined
      ? problem.file
      : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return `${where}: ${problem.message}`;
}

/** Thrown by `readCourses` when any file is invalid; lists every problem, not just the first. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    super(
      `The course content has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${problems
        .map((problem) => `  ${formatProblem(problem)}`)
        .join("\n")}`,
    );
    this.name = "ContentError";
    this.problems = problems;
  }
}

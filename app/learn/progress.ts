// Where a learner is in a course. Pure, so the course page, /learn and the home page agree.

export interface LessonState {
  slug: string;
  title: string;
  minutes: number;
  /** Hash of the version the course offers now. */
  currentHash: string;
  /** Hashes of the versions this learner marked as done, if any. */
  completedHashes: readonly string[];
}

export type LessonStatus = "not-started" | "done" | "updated";

export type NextStep =
  | { kind: "lesson"; slug: string; title: string; minutes: number }
  | { kind: "quiz" }
  | { kind: "complete" };

export interface CourseProgress {
  lessons: (LessonState & { status: LessonStatus })[];
  done: number;
  total: number;
  /** Reading time of the lessons not yet done, in minutes. */
  minutesLeft: number;
  next: NextStep;
}

/**
 * A lesson done on an earlier version stays done (it is what the learner read), and is marked
 * "updated" so the course can say it changed. The quiz comes next once every lesson is done.
 */
export function courseProgress(
  lessons: readonly LessonState[],
  quizPassed: boolean,
): CourseProgress {
  const states = lessons.map((lesson) => ({
    ...lesson,
    status: statusOf(lesson),
  }));
  const left = states.filter((lesson) => lesson.status === "not-started");
  const first = left[0];
  const next: NextStep = first
    ? { kind: "lesson", slug: first.slug, title: first.title, minutes: first.minutes }
    : quizPassed
      ? { kind: "complete" }
      : { kind: "quiz" };
  return {
    lessons: states,
    done: states.length - left.length,
    total: states.length,
    minutesLeft: left.reduce((sum, lesson) => sum + lesson.minutes, 0),
    next,
  };
}

function statusOf(lesson: LessonState): LessonStatus {
  if (lesson.completedHashes.length === 0) return "not-started";
  return lesson.completedHashes.includes(lesson.currentHash) ? "done" : "updated";
}

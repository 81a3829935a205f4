// The shape of course content once read and validated, as the app uses it.
import type { CourseFile, LessonFrontMatter, ProgrammeFile, QuizFile } from "./schema";

/** Where a piece of content came from, and a hash of its bytes to tell versions apart. */
export interface SourceFile {
  path: string;
  /** sha256 of the file's bytes, in hex. */
  sha256: string;
}

export interface Lesson extends LessonFrontMatter {
  /** The part of the id after the course, also the file name without its number. */
  slug: string;
  /** The lesson's Markdown, without its front matter. */
  body: string;
  source: SourceFile;
}

export interface Quiz extends QuizFile {
  source: SourceFile;
}

export interface Course extends Omit<CourseFile, "lessons" | "quiz"> {
  /** Pass mark and questions per attempt, from course.yaml's `quiz`. */
  quizRules: CourseFile["quiz"];
  /** Lesson ids in the order course.yaml lists them. */
  lessonOrder: string[];
  /** Lessons as found in `lessons/`, sorted by file name. */
  lessons: Lesson[];
  quiz: Quiz | null;
  /** course.yaml itself. */
  source: SourceFile;
  /**
   * sha256 over the hashes of course.yaml, every lesson and the quiz: it changes whenever any
   * file of the course changes, so a certificate can be pinned to the version it was earned on.
   */
  contentHash: string;
}

export interface Programme extends ProgrammeFile {
  /** The programme's YAML file; its hash pins a certificate to the rules it was earned under. */
  source: SourceFile;
}

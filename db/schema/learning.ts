// Courses, their versions, and what learners did with them. Content rows are written only by
// the loader (app/content/load.server.ts) and never changed: a new file hash is a new row, so
// progress and attempts keep pointing at exactly what the learner saw.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "./columns";
import { users } from "./people";

/** The same four types as app/content/schema.ts; a database test keeps them in step. */
export const questionTypeEnum = pgEnum("question_type", [
  "single",
  "multiple",
  "true-false",
  "best-reply",
]);
export type StoredQuestionType = (typeof questionTypeEnum.enumValues)[number];

export interface StoredOption {
  id: string;
  text: string;
  correct: boolean;
  explanation: string;
}

export interface StoredPost {
  author: string;
  handle: string;
  text: string;
}

/** A course by its stable id (its folder name). What it says lives in its versions. */
export const courses = pgTable("courses", {
  id: text("id").primaryKey(),
  /** The version last loaded from courses/: readers and new attempts get this one. */
  currentVersionId: uuid("current_version_id").references((): AnyPgColumn => courseVersions.id),
  createdAt: stampedNow("created_at"),
  updatedAt: stampedNow("updated_at"),
});

/** One version of a course: its course.yaml settings, identified by the hash of all its files. */
export const courseVersions = pgTable(
  "course_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    contentHash: text("content_hash").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    audience: text("audience").notNull(),
    passMark: integer("pass_mark").notNull(),
    questionsPerAttempt: integer("questions_per_attempt").notNull(),
    loadedAt: stampedNow("loaded_at"),
  },
  (table) => [uniqueIndex("course_versions_hash_unique").on(table.courseId, table.contentHash)],
);

/** One version of a lesson file, identified by the sha256 of its bytes. */
export const lessonVersions = pgTable(
  "lesson_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    slug: text("slug").notNull(),
    contentHash: text("content_hash").notNull(),
    title: text("title").notNull(),
    objectives: jsonb("objectives").$type<string[]>().notNull(),
    minutes: integer("minutes").notNull(),
    /** Markdown, without front matter. Rendered and sanitised when shown. */
    body: text("body").notNull(),
    loadedAt: stampedNow("loaded_at"),
  },
  (table) => [
    uniqueIndex("lesson_versions_hash_unique").on(table.courseId, table.slug, table.contentHash),
  ],
);

/** One version of a quiz question, identified by the sha256 of its parsed content. */
export const questionVersions = pgTable(
  "question_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    questionId: text("question_id").notNull(),
    contentHash: text("content_hash").notNull(),
    type: questionTypeEnum("type").notNull(),
    /** Slug of the lesson in the same course that teaches the answer. */
    lessonSlug: text("lesson_slug").notNull(),
    prompt: text("prompt").notNull(),
    post: jsonb("post").$type<StoredPost>(),
    options: jsonb("options").$type<StoredOption[]>().notNull(),
    loadedAt: stampedNow("loaded_at"),
  },
  (table) => [
    uniqueIndex("question_versions_hash_unique").on(
      table.courseId,
      table.questionId,
      table.contentHash,
    ),
  ],
);

/** The lessons of a course version, in reading order. */
export const courseVersionLessons = pgTable(
  "course_version_lessons",
  {
    courseVersionId: uuid("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    position: integer("position").notNull(),
    lessonVersionId: uuid("lesson_version_id")
      .notNull()
      .references(() => lessonVersions.id),
  },
  (table) => [primaryKey({ columns: [table.courseVersionId, table.position] })],
);

/** The question bank of a course version, in file order. */
export const courseVersionQuestions = pgTable(
  "course_version_questions",
  {
    courseVersionId: uuid("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    position: integer("position").notNull(),
    questionVersionId: uuid("question_version_id")
      .notNull()
      .references(() => questionVersions.id),
  },
  (table) => [primaryKey({ columns: [table.courseVersionId, table.position] })],
);

export const enrolmentReasonEnum = pgEnum("enrolment_reason", ["assigned", "asked"]);

/** Who takes a course that is not for everyone, how they came to, who decided and when. */
export const courseEnrolments = pgTable(
  "course_enrolments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    reason: enrolmentReasonEnum("reason").notNull(),
    /** The manager or admin who assigned it, or the learner who asked. */
    byUserId: text("by_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: stampedNow("created_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.courseId] })],
);

/** A learner marked this version of a lesson as done. A later version needs its own row. */
export const lessonCompletions = pgTable(
  "lesson_completions",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lessonVersionId: uuid("lesson_version_id")
      .notNull()
      .references(() => lessonVersions.id),
    completedAt: stampedNow("completed_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.lessonVersionId] })],
);

/** One try at a course's quiz, on the course version current when it started. */
export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: text("course_id")
      .notNull()
      .references(() => courses.id),
    courseVersionId: uuid("course_version_id")
      .notNull()
      .references(() => courseVersions.id),
    /** Drew the questions and the order of their options; kept so a draw can be replayed. */
    seed: integer("seed").notNull(),
    startedAt: stampedNow("started_at"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    score: integer("score"),
    passed: boolean("passed"),
  },
  (table) => [
    index("quiz_attempts_user_course_idx").on(table.userId, table.courseId, table.startedAt),
    // One open attempt per learner and course: a second "start" resumes it, so nobody can
    // open attempts until an easy set of questions comes up.
    uniqueIndex("quiz_attempts_one_open_unique")
      .on(table.userId, table.courseId)
      .where(sql`submitted_at is null`),
  ],
);

/** A question drawn for an attempt, and once submitted, the answer given and its mark. */
export const attemptQuestions = pgTable(
  "attempt_questions",
  {
    attemptId: uuid("attempt_id")
      .notNull()
      .references(() => quizAttempts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    questionVersionId: uuid("question_version_id")
      .notNull()
      .references(() => questionVersions.id),
    /** Option ids in the order this attempt shows them. */
    optionOrder: jsonb("option_order").$type<string[]>().notNull(),
    chosen: jsonb("chosen").$type<string[]>(),
    correct: boolean("correct"),
  },
  (table) => [primaryKey({ columns: [table.attemptId, table.position] })],
);

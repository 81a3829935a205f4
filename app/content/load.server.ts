// Imports the course files into the database at start-up. Every course, lesson and question is
// stored once per content hash and never updated, so editing a file adds a version and leaves
// whatever past progress and attempts were made on untouched. Loading unchanged files adds
// nothing; two servers starting at once both end on the same rows (ON CONFLICT DO NOTHING).
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import {
  courses,
  courseVersionLessons,
  courseVersionQuestions,
  courseVersions,
  lessonVersions,
  questionVersions,
} from "../../db/schema";
import { readCourses } from "./read.server";
import type { Question } from "./schema";
import type { Course, Lesson } from "./types";

export interface LoadSummary {
  courses: number;
  /** Versions added by this load; all zero when nothing changed. */
  added: { courses: number; lessons: number; questions: number };
}

/** Reads `courses/` (or the given courses) and stores any version not stored yet. */
export async function loadCourses(
  db: Queryable,
  read: Course[] | (() => Course[]) = () => readCourses(),
): Promise<LoadSummary> {
  const list = typeof read === "function" ? read() : read;
  const summary: LoadSummary = {
    courses: list.length,
    added: { courses: 0, lessons: 0, questions: 0 },
  };
  await db.transaction(async (tx) => {
    for (const course of list) await loadCourse(tx, course, summary);
  });
  return summary;
}

export function describeLoad(summary: LoadSummary): string {
  const { added } = summary;
  const total = added.courses + added.lessons + added.questions;
  const what = `${summary.courses} course${summary.courses === 1 ? "" : "s"}`;
  return total === 0
    ? `Courses loaded: ${what}, nothing changed.`
    : `Courses loaded: ${what}; new versions: ${added.courses} course, ${added.lessons} lesson, ${added.questions} question.`;
}

async function loadCourse(tx: Queryable, course: Course, summary: LoadSummary): Promise<void> {
  await tx.insert(courses).values({ id: course.id }).onConflictDoNothing();

  const lessonIds = new Map<string, string>();
  for (const lesson of course.lessons) {
    const { id, added } = await storeLesson(tx, course.id, lesson);
    lessonIds.set(lesson.id, id);
    if (added) summary.added.lessons++;
  }
  const questionIds: string[] = [];
  for (const question of course.quiz?.questions ?? []) {
    const { id, added } = await storeQuestion(tx, course.id, question);
    questionIds.push(id);
    if (added) summary.added.questions++;
  }

  const [inserted] = await tx
    .insert(courseVersions)
    .values({
      courseId: course.id,
      contentHash: course.contentHash,
      title: course.title,
      summary: course.summary,
      audience: course.audience,
      passMark: course.quizRules.passMark,
      questionsPerAttempt: course.quizRules.questionsPerAttempt,
    })
    .onConflictDoNothing()
    .returning({ id: courseVersions.id });
  let versionId = inserted?.id;
  if (versionId) {
    summary.added.courses++;
    // The content check has made sure every listed lesson exists.
    await tx.insert(courseVersionLessons).values(
      course.lessonOrder.map((lessonId, position) => ({
        courseVersionId: versionId as string,
        position,
        lessonVersionId: lessonIds.get(lessonId) as string,
      })),
    );
    if (questionIds.length > 0) {
      await tx.insert(courseVersionQuestions).values(
        questionIds.map((questionVersionId, position) => ({
          courseVersionId: versionId as string,
          position,
          questionVersionId,
        })),
      );
    }
  } else {
    const [existing] = await tx
      .select({ id: courseVersions.id })
      .from(courseVersions)
      .where(
        and(
          eq(courseVersions.courseId, course.id),
          eq(courseVersions.contentHash, course.contentHash),
        ),
      );
    versionId = existing?.id;
  }
  if (!versionId) throw new Error(`course version of ${course.id} was neither added nor found`);
  // A file put back to an earlier state makes that earlier version current again.
  await tx
    .update(courses)
    .set({ currentVersionId: versionId, updatedAt: sql`now()` })
    .where(
      and(
        eq(courses.id, course.id),
        sql`${courses.currentVersionId} is distinct from ${versionId}`,
      ),
    );
}

async function storeLesson(tx: Queryable, courseId: string, lesson: Lesson) {
  const [inserted] = await tx
    .insert(lessonVersions)
    .values({
      courseId,
      slug: lesson.slug,
      contentHash: lesson.source.sha256,
      title: lesson.title,
      objectives: lesson.objectives,
      minutes: lesson.minutes,
      body: lesson.body,
    })
    .onConflictDoNothing()
    .returning({ id: lessonVersions.id });
  if (inserted) return { id: inserted.id, added: true };
  const [existing] = await tx
    .select({ id: lessonVersions.id })
    .from(lessonVersions)
    .where(
      and(
        eq(lessonVersions.courseId, courseId),
        eq(lessonVersions.slug, lesson.slug),
        eq(lessonVersions.contentHash, lesson.source.sha256),
      ),
    );
  if (!existing) throw new Error(`lesson ${lesson.id} was neither added nor found`);
  return { id: existing.id, added: false };
}

async function storeQuestion(tx: Queryable, courseId: string, question: Question) {
  const contentHash = questionHash(question);
  const [inserted] = await tx
    .insert(questionVersions)
    .values({
      courseId,
      questionId: question.id,
      contentHash,
      type: question.type,
      lessonSlug: question.lesson.split("/")[1] ?? question.lesson,
      prompt: question.prompt,
      post: "post" in question ? question.post : null,
      options: question.options,
    })
    .onConflictDoNothing()
    .returning({ id: questionVersions.id });
  if (inserted) return { id: inserted.id, added: true };
  const [existing] = await tx
    .select({ id: questionVersions.id })
    .from(questionVersions)
    .where(
      and(
        eq(questionVersions.courseId, courseId),
        eq(questionVersions.questionId, question.id),
        eq(questionVersions.contentHash, contentHash),
      ),
    );
  if (!existing) throw new Error(`question ${question.id} was neither added nor found`);
  return { id: existing.id, added: false };
}

/**
 * A question's version is the hash of what it says, not of the quiz file: editing one question
 * leaves every other question's version (and the attempts that used it) as it was. Keys are
 * sorted so the hash does not depend on the order the schema lists them in.
 */
export function questionHash(question: Question): string {
  return createHash("sha256").update(stableJson(question)).digest("hex");
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${stableJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

// Which courses a learner takes, and how far they are through each.
import { redirect } from "@remix-run/node";
import { and, asc, count, eq, isNotNull, max, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import {
  courseEnrolments,
  courses,
  courseVersionLessons,
  courseVersions,
  lessonCompletions,
  lessonVersions,
  quizAttempts,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import { db } from "../db.server";
import { type CourseProgress, courseProgress } from "./progress";

/**
 * Courses everyone takes without asking. Others (the accredited-account course) are taken by
 * those assigned to them or who ask. When programmes are loaded from files this can come
 * from them; until then the staff course is the one.
 */
export const coursesForEveryone: readonly string[] = ["staff-social-media"];

export type CurrentCourse = Awaited<ReturnType<typeof currentCourses>>[number];

/** Courses joined to the settings of their current version. */
function selectCurrentCourses(tx: Queryable) {
  return tx
    .select({
      id: courses.id,
      versionId: courseVersions.id,
      contentHash: courseVersions.contentHash,
      title: courseVersions.title,
      summary: courseVersions.summary,
      audience: courseVersions.audience,
      passMark: courseVersions.passMark,
      questionsPerAttempt: courseVersions.questionsPerAttempt,
    })
    .from(courses)
    .innerJoin(courseVersions, eq(courseVersions.id, courses.currentVersionId));
}

/** Every course with the settings of its current version, courses for everyone first. */
export async function currentCourses(tx: Queryable = db) {
  const rows = await selectCurrentCourses(tx).orderBy(asc(courseVersions.title));
  const rank = (id: string) => (coursesForEveryone.includes(id) ? 0 : 1);
  return rows.sort((a, b) => rank(a.id) - rank(b.id));
}

/** One course's current version, or a 404 thrown. */
export async function currentCourse(courseId: string, tx: Queryable = db) {
  const [course] = await selectCurrentCourses(tx).where(eq(courses.id, courseId));
  if (!course) throw notFound();
  return course;
}

async function enrolledIn(userId: string, tx: Queryable = db): Promise<Set<string>> {
  const rows = await tx
    .select({ courseId: courseEnrolments.courseId })
    .from(courseEnrolments)
    .where(eq(courseEnrolments.userId, userId));
  return new Set([...coursesForEveryone, ...rows.map((row) => row.courseId)]);
}

export async function takesCourse(userId: string, courseId: string, tx: Queryable = db) {
  return (await enrolledIn(userId, tx)).has(courseId);
}

/**
 * A course the learner takes, or off to its page, which offers to ask for it. Lessons and
 * quizzes of a course you do not take are not secret, only not yours yet.
 */
export async function requireCourse(userId: string, courseId: string, tx: Queryable = db) {
  const course = await currentCourse(courseId, tx);
  if (!(await takesCourse(userId, courseId, tx))) throw redirect(`/learn/${courseId}`);
  return course;
}

/** The lessons of a course version in reading order. */
export async function lessonsOf(courseVersionId: string, tx: Queryable = db) {
  return tx
    .select({
      versionId: lessonVersions.id,
      slug: lessonVersions.slug,
      title: lessonVersions.title,
      minutes: lessonVersions.minutes,
      contentHash: lessonVersions.contentHash,
    })
    .from(courseVersionLessons)
    .innerJoin(lessonVersions, eq(lessonVersions.id, courseVersionLessons.lessonVersionId))
    .where(eq(courseVersionLessons.courseVersionId, courseVersionId))
    .orderBy(asc(courseVersionLessons.position));
}

/** Every lesson version of the course this learner marked as done, newest first. */
export async function completionsIn(userId: string, courseId: string, tx: Queryable = db) {
  return tx
    .select({
      lessonVersionId: lessonCompletions.lessonVersionId,
      slug: lessonVersions.slug,
      contentHash: lessonVersions.contentHash,
      completedAt: lessonCompletions.completedAt,
    })
    .from(lessonCompletions)
    .innerJoin(lessonVersions, eq(lessonVersions.id, lessonCompletions.lessonVersionId))
    .where(and(eq(lessonCompletions.userId, userId), eq(lessonVersions.courseId, courseId)))
    .orderBy(sql`${lessonCompletions.completedAt} desc`);
}

/** Submitted attempts at the course's quiz: how many, whether any passed, the best score. */
export async function quizRecord(userId: string, courseId: string, tx: Queryable = db) {
  const [row] = await tx
    .select({
      attempts: count(),
      passed: sql<boolean>`coalesce(bool_or(${quizAttempts.passed}), false)`,
      bestScore: max(quizAttempts.score),
    })
    .from(quizAttempts)
    .where(
      and(
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.courseId, courseId),
        isNotNull(quizAttempts.submittedAt),
      ),
    );
  return { attempts: row?.attempts ?? 0, passed: row?.passed ?? false, bestScore: row?.bestScore };
}

export interface CourseStanding {
  progress: CourseProgress;
  quiz: Awaited<ReturnType<typeof quizRecord>>;
  completions: Awaited<ReturnType<typeof completionsIn>>;
}

/** Where a learner is in a course's current version. */
export async function standingIn(
  userId: string,
  course: { id: string; versionId: string },
  tx: Queryable = db,
): Promise<CourseStanding> {
  const [lessons, completions, quiz] = await Promise.all([
    lessonsOf(course.versionId, tx),
    completionsIn(userId, course.id, tx),
    quizRecord(userId, course.id, tx),
  ]);
  const progress = courseProgress(
    lessons.map((lesson) => ({
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      currentHash: lesson.contentHash,
      completedHashes: completions
        .filter((done) => done.slug === lesson.slug)
        .map((done) => done.contentHash),
    })),
    quiz.passed,
  );
  return { progress, quiz, completions };
}

/** /learn: the courses I take with where I am in each, and the ones I could ask for. */
export async function learningFor(userId: string) {
  const [all, mine] = await Promise.all([currentCourses(), enrolledIn(userId)]);
  const taken = await Promise.all(
    all
      .filter((course) => mine.has(course.id))
      .map(async (course) => {
        const { progress, quiz } = await standingIn(userId, course);
        return { id: course.id, title: course.title, summary: course.summary, progress, quiz };
      }),
  );
  const others = all
    .filter((course) => !mine.has(course.id))
    .map(({ id, title, summary, audience }) => ({ id, title, summary, audience }));
  return { courses: taken, others };
}

/** The course page: the course, whether I take it, and if so where I am. */
export async function courseFor(userId: string, courseId: string) {
  const course = await currentCourse(courseId);
  const enrolment = await enrolmentOf(userId, courseId);
  const takes = coursesForEveryone.includes(courseId) || enrolment !== null;
  if (!takes) return { course, enrolment, standing: null };
  const standing = await standingIn(userId, course);
  const totalMinutes = standing.progress.lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
  return { course, enrolment, standing: { ...standing, totalMinutes } };
}

async function enrolmentOf(userId: string, courseId: string) {
  const [row] = await db
    .select({ reason: courseEnrolments.reason, createdAt: courseEnrolments.createdAt })
    .from(courseEnrolments)
    .where(and(eq(courseEnrolments.userId, userId), eq(courseEnrolments.courseId, courseId)));
  return row ?? null;
}

/**
 * "Ask to take this course": the learner starts it at once, and the request is recorded with
 * who and when for their manager to see. Asking twice changes nothing.
 */
export async function askForCourse(userId: string, courseId: string) {
  return enrol({ userId, courseId, reason: "asked", byUserId: userId });
}

/** A manager or admin puts someone on a course. */
export async function assignCourse(actorId: string, userId: string, courseId: string) {
  return enrol({ userId, courseId, reason: "assigned", byUserId: actorId });
}

/** Courses a manager may assign to this person: the ones they do not take yet. */
export async function assignableCourses(userId: string) {
  const [all, enrolled] = await Promise.all([currentCourses(), enrolledIn(userId)]);
  return all
    .filter((course) => !enrolled.has(course.id))
    .map((course) => ({ id: course.id, title: course.title }));
}

async function enrol(enrolment: {
  userId: string;
  courseId: string;
  reason: "asked" | "assigned";
  byUserId: string;
}) {
  await currentCourse(enrolment.courseId);
  if (coursesForEveryone.includes(enrolment.courseId)) return { added: false };
  return db.transaction(async (tx) => {
    const added = await tx
      .insert(courseEnrolments)
      .values(enrolment)
      .onConflictDoNothing()
      .returning({ userId: courseEnrolments.userId });
    if (added.length === 0) return { added: false };
    await recordAudit(tx, {
      actorId: enrolment.byUserId,
      action: enrolment.reason === "asked" ? "course.asked" : "course.assigned",
      subject: { type: "user", id: enrolment.userId },
      details: { course: enrolment.courseId },
    });
    return { added: true };
  });
}

/** What to do next across my courses, for the home page: the first course not finished. */
export async function nextInLearning(userId: string) {
  const { courses: taken } = await learningFor(userId);
  const course = taken.find((c) => c.progress.next.kind !== "complete") ?? taken[0];
  if (!course) return null;
  return {
    course: { id: course.id, title: course.title },
    next: course.progress.next,
    done: course.progress.done,
    total: course.progress.total,
    minutesLeft: course.progress.minutesLeft,
    finished: taken.filter((c) => c.progress.next.kind === "complete").length,
    taking: taken.length,
  };
}

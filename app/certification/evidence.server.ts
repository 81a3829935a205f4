// Loads everything a person has done that a programme can count: lesson completions, submitted
// quiz attempts, runs with their scenario version, trainer grades and certificates.
import { and, eq, isNotNull } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import {
  certificates,
  courseVersions,
  lessonCompletions,
  lessonVersions,
  quizAttempts,
  runs,
  scenarioVersions,
  trainerGrades,
} from "../../db/schema";
import { currentCourses, lessonsOf } from "../learn/courses.server";
import type { CourseFacts, Evidence } from "./requirements";

/** The courses as offered now: "every lesson" is every lesson of the current version. */
export async function courseFacts(tx: Queryable): Promise<Map<string, CourseFacts>> {
  const list = await currentCourses(tx);
  const facts = new Map<string, CourseFacts>();
  for (const course of list) {
    const lessons = await lessonsOf(course.versionId, tx);
    facts.set(course.id, {
      title: course.title,
      contentHash: course.contentHash,
      lessonSlugs: lessons.map((lesson) => lesson.slug),
    });
  }
  return facts;
}

export async function loadEvidence(tx: Queryable, userId: string): Promise<Evidence> {
  const [courses, lessons, attempts, runRows, grades, held] = await Promise.all([
    courseFacts(tx),
    tx
      .select({
        lessonVersionId: lessonCompletions.lessonVersionId,
        courseId: lessonVersions.courseId,
        slug: lessonVersions.slug,
        completedAt: lessonCompletions.completedAt,
      })
      .from(lessonCompletions)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessonCompletions.lessonVersionId))
      .where(eq(lessonCompletions.userId, userId)),
    tx
      .select({
        id: quizAttempts.id,
        courseId: quizAttempts.courseId,
        courseContentHash: courseVersions.contentHash,
        passed: quizAttempts.passed,
        submittedAt: quizAttempts.submittedAt,
      })
      .from(quizAttempts)
      .innerJoin(courseVersions, eq(courseVersions.id, quizAttempts.courseVersionId))
      .where(and(eq(quizAttempts.userId, userId), isNotNull(quizAttempts.submittedAt))),
    tx
      .select({
        id: runs.id,
        scenarioId: runs.scenarioId,
        scenarioVersionId: runs.scenarioVersionId,
        scenarioHash: scenarioVersions.hash,
        mode: runs.mode,
        status: runs.status,
        startedAt: runs.startedAt,
        endedAt: runs.endedAt,
      })
      .from(runs)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, runs.scenarioVersionId))
      .where(eq(runs.userId, userId)),
    tx
      .select({
        id: trainerGrades.id,
        runId: trainerGrades.runId,
        rubricItem: trainerGrades.rubricItem,
        points: trainerGrades.points,
      })
      .from(trainerGrades)
      .innerJoin(runs, eq(runs.id, trainerGrades.runId))
      .where(eq(runs.userId, userId)),
    tx
      .select({
        id: certificates.id,
        programmeId: certificates.programmeId,
        issuedAt: certificates.issuedAt,
        expiresAt: certificates.expiresAt,
        revokedAt: certificates.revokedAt,
      })
      .from(certificates)
      .where(eq(certificates.userId, userId)),
  ]);
  return {
    courses,
    lessons,
    attempts: attempts.map((attempt) => ({
      ...attempt,
      passed: attempt.passed ?? false,
      submittedAt: attempt.submittedAt as Date,
    })),
    runs: runRows.map(({ startedAt, endedAt, ...run }) => ({ ...run, at: endedAt ?? startedAt })),
    grades,
    certificates: held,
  };
}

/** The newest thing the person did that counts as activity, for the dashboard. */
export function lastActivity(evidence: Evidence): Date | null {
  const dates = [
    ...evidence.lessons.map((lesson) => lesson.completedAt),
    ...evidence.attempts.map((attempt) => attempt.submittedAt),
    ...evidence.runs.map((run) => run.at),
  ];
  return dates.reduce<Date | null>((latest, at) => (!latest || at > latest ? at : latest), null);
}

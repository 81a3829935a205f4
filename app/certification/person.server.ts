// A person's page on the dashboard: their standing in each programme and the evidence behind
// it (lessons, quiz attempts, runs, certificates, accounts) with the audit trail.
import { and, desc, eq, sql } from "drizzle-orm";
import {
  accountRequests,
  certificates,
  courseVersions,
  departments,
  lessonCompletions,
  lessonVersions,
  quizAttempts,
  runs,
  scenarioVersions,
} from "../../db/schema";
import { auditTrail } from "../audit.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { assignableCourses, assignCourse } from "../learn/courses.server";
import { accountsOf } from "./accounts.server";
import { awardIfEligible } from "./award.server";
import { programmeFor, statusText } from "./certificates.server";
import { programmes, windowDaysOf } from "./programmes.server";
import { sendDueReminders } from "./reminders.server";
import { type Actor, requirePersonInScope } from "./scope.server";
import { certificateStatus } from "./status";

export async function personFor(actor: Actor, personId: string) {
  const person = await requirePersonInScope(actor, personId);
  await awardIfEligible(person.id);
  await sendDueReminders({ userId: person.id });
  const at = now();
  const [department, standings, lessons, attempts, runRows, held, accounts] = await Promise.all([
    person.departmentId
      ? db
          .select({ name: departments.name })
          .from(departments)
          .where(eq(departments.id, person.departmentId))
      : Promise.resolve([]),
    Promise.all(programmes().map((programme) => programmeFor(person.id, programme.id))),
    db
      .select({
        course: lessonVersions.courseId,
        title: lessonVersions.title,
        completedAt: lessonCompletions.completedAt,
      })
      .from(lessonCompletions)
      .innerJoin(lessonVersions, eq(lessonVersions.id, lessonCompletions.lessonVersionId))
      .where(eq(lessonCompletions.userId, person.id))
      .orderBy(desc(lessonCompletions.completedAt)),
    db
      .select({
        id: quizAttempts.id,
        course: courseVersions.title,
        submittedAt: quizAttempts.submittedAt,
        score: quizAttempts.score,
        passed: quizAttempts.passed,
        total: sql<number>`(select count(*)::int from attempt_questions q where q.attempt_id = ${quizAttempts.id})`,
      })
      .from(quizAttempts)
      .innerJoin(courseVersions, eq(courseVersions.id, quizAttempts.courseVersionId))
      .where(eq(quizAttempts.userId, person.id))
      .orderBy(desc(quizAttempts.startedAt)),
    db
      .select({
        id: runs.id,
        scenario: scenarioVersions.title,
        mode: runs.mode,
        status: runs.status,
        score: runs.score,
        maxScore: runs.maxScore,
        startedAt: runs.startedAt,
        endedAt: runs.endedAt,
      })
      .from(runs)
      .innerJoin(scenarioVersions, eq(scenarioVersions.id, runs.scenarioVersionId))
      .where(eq(runs.userId, person.id))
      .orderBy(desc(runs.startedAt))
      .limit(200),
    db
      .select()
      .from(certificates)
      .where(eq(certificates.userId, person.id))
      .orderBy(desc(certificates.issuedAt)),
    accountsOf(person.id),
  ]);
  const pending = await db
    .select({ id: accountRequests.id })
    .from(accountRequests)
    .where(and(eq(accountRequests.userId, person.id), eq(accountRequests.status, "pending")));
  const pendingIds = new Set(pending.map((row) => row.id));
  return {
    person: {
      id: person.id,
      name: person.name,
      email: person.email,
      department: department[0]?.name ?? null,
    },
    isSelf: person.id === actor.id,
    assignableCourses: await assignableCourses(person.id),
    standings: standings.map((standing) => ({
      programme: standing.programme,
      certificate: standing.certificate,
      goal: standing.goal,
      checklist: standing.checklist,
      left: standing.left,
      percent: standing.percent,
    })),
    lessons,
    attempts,
    runs: runRows,
    certificates: held.map((row) => {
      const status = certificateStatus(row, windowDaysOf(row.programmeId), at);
      return {
        id: row.id,
        programmeTitle: row.programmeTitle,
        issuedAt: row.issuedAt,
        expiresAt: row.expiresAt,
        status,
        statusText: statusText(row, status, at),
        revokedReason: row.revokedReason,
        code: row.code,
      };
    }),
    accounts: accounts.map((account) => ({ ...account, pending: pendingIds.has(account.id) })),
    trail: await trailOf(
      person.id,
      held.map((row) => row.id),
      accounts.map((a) => a.id),
    ),
  };
}

/** Audit entries about a person, their certificates and their accounts, newest first. */
export async function trailOf(userId: string, certificateIds: string[], accountIds: string[]) {
  return auditTrail([
    { type: "user", id: userId },
    ...certificateIds.map((id) => ({ type: "certificate", id })),
    ...accountIds.map((id) => ({ type: "account", id })),
  ]);
}

/** A manager assigns a course to someone in their scope (404 for anyone else). */
export async function assignCourseTo(actor: Actor, personId: string, courseId: string) {
  const person = await requirePersonInScope(actor, personId);
  const assignable = await assignableCourses(person.id);
  if (!assignable.some((course) => course.id === courseId)) {
    return {
      ok: false as const,
      status: 400,
      errors: { courseId: "Choose a course from the list" },
    };
  }
  await assignCourse(actor.id, person.id, courseId);
  return { ok: true as const };
}

// Quiz attempts: drawing, showing, marking. The server is the only judge: an open attempt is
// shown without right answers or explanations, and marks are worked out here on submission.
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "../../db/client";
import {
  attemptQuestions,
  courseVersionQuestions,
  courseVersions,
  questionVersions,
  quizAttempts,
} from "../../db/schema";
import { notFound } from "../auth/guard.server";
import { awardIfEligible } from "../certification/award.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { requireCourse } from "./courses.server";
import { drawQuestions, newSeed } from "./draw";
import { answerField } from "./forms";
import { checkAnswers, markQuestion, passes, scoreNeeded } from "./marking";

/** The quiz page: its rules, my attempts (newest first) and any attempt I left open. */
export async function quizFor(userId: string, courseId: string) {
  const course = await requireCourse(userId, courseId);
  const [bank] = await db
    .select({ size: sql<number>`count(*)::int` })
    .from(courseVersionQuestions)
    .where(eq(courseVersionQuestions.courseVersionId, course.versionId));
  const attempts = await db
    .select({
      id: quizAttempts.id,
      startedAt: quizAttempts.startedAt,
      submittedAt: quizAttempts.submittedAt,
      score: quizAttempts.score,
      passed: quizAttempts.passed,
      passMark: courseVersions.passMark,
      total: sql<number>`(select count(*)::int from ${attemptQuestions} where ${attemptQuestions.attemptId} = ${quizAttempts.id})`,
    })
    .from(quizAttempts)
    .innerJoin(courseVersions, eq(courseVersions.id, quizAttempts.courseVersionId))
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.courseId, courseId)))
    .orderBy(desc(quizAttempts.startedAt), desc(quizAttempts.id));
  return {
    course: {
      id: course.id,
      title: course.title,
      passMark: course.passMark,
      questionsPerAttempt: course.questionsPerAttempt,
      scoreNeeded: scoreNeeded(course.questionsPerAttempt, course.passMark),
      bankSize: bank?.size ?? 0,
    },
    attempts,
    open: attempts.find((attempt) => attempt.submittedAt === null) ?? null,
    passed: attempts.some((attempt) => attempt.passed),
  };
}

/** A different seed from the same start, so a redraw is as reproducible as the first draw. */
function reseed(seed: number): number {
  return (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
}

/**
 * Starts an attempt on the course's current version, or resumes the one left open. The seed is
 * stored, and a draw identical to my last attempt's set of questions is drawn again.
 */
export async function startAttempt(
  userId: string,
  courseId: string,
  seed: number = newSeed(),
): Promise<{ attemptId: string; resumed: boolean }> {
  const course = await requireCourse(userId, courseId);
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: quizAttempts.id })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.userId, userId),
          eq(quizAttempts.courseId, courseId),
          isNull(quizAttempts.submittedAt),
        ),
      );
    if (open) return { attemptId: open.id, resumed: true };

    const bank = await tx
      .select({
        versionId: questionVersions.id,
        id: questionVersions.questionId,
        lesson: questionVersions.lessonSlug,
        type: questionVersions.type,
        options: questionVersions.options,
      })
      .from(courseVersionQuestions)
      .innerJoin(
        questionVersions,
        eq(questionVersions.id, courseVersionQuestions.questionVersionId),
      )
      .where(eq(courseVersionQuestions.courseVersionId, course.versionId))
      .orderBy(asc(courseVersionQuestions.position));
    if (bank.length === 0) throw notFound();

    const last = await tx
      .select({ questionId: questionVersions.questionId })
      .from(attemptQuestions)
      .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
      .where(
        eq(
          attemptQuestions.attemptId,
          sql`(select ${quizAttempts.id} from ${quizAttempts} where ${quizAttempts.userId} = ${userId} and ${quizAttempts.courseId} = ${courseId} order by ${quizAttempts.startedAt} desc limit 1)`,
        ),
      );
    const lastSet = last
      .map((row) => row.questionId)
      .sort()
      .join();
    let drawn = drawQuestions(bank, course.questionsPerAttempt, seed);
    // With a bank larger than an attempt, a new attempt is a new set of questions.
    for (let tries = 0; tries < 20 && bank.length > course.questionsPerAttempt; tries++) {
      if (
        drawn
          .map((question) => question.id)
          .sort()
          .join() !== lastSet
      )
        break;
      seed = reseed(seed);
      drawn = drawQuestions(bank, course.questionsPerAttempt, seed);
    }

    const [attempt] = await tx
      .insert(quizAttempts)
      .values({ userId, courseId, courseVersionId: course.versionId, seed, startedAt: now() })
      .onConflictDoNothing({
        target: [quizAttempts.userId, quizAttempts.courseId],
        where: sql`submitted_at is null`,
      })
      .returning({ id: quizAttempts.id });
    if (!attempt) {
      // Another request opened one a moment ago: resume that.
      const [other] = await tx
        .select({ id: quizAttempts.id })
        .from(quizAttempts)
        .where(
          and(
            eq(quizAttempts.userId, userId),
            eq(quizAttempts.courseId, courseId),
            isNull(quizAttempts.submittedAt),
          ),
        );
      if (!other) throw new Error("an open attempt was neither added nor found");
      return { attemptId: other.id, resumed: true };
    }
    const versionOf = new Map(bank.map((question) => [question.id, question.versionId]));
    await tx.insert(attemptQuestions).values(
      drawn.map((question, position) => ({
        attemptId: attempt.id,
        position,
        questionVersionId: versionOf.get(question.id) as string,
        optionOrder: question.optionOrder,
      })),
    );
    return { attemptId: attempt.id, resumed: false };
  });
}

/** Mine, for this course, or a 404: ownership is part of the query, not a check after it. */
async function attemptRow(userId: string, courseId: string, attemptId: string) {
  const [row] = await db
    .select()
    .from(quizAttempts)
    .innerJoin(courseVersions, eq(courseVersions.id, quizAttempts.courseVersionId))
    .where(
      and(
        eq(quizAttempts.id, attemptId),
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.courseId, courseId),
      ),
    );
  if (!row) throw notFound();
  return row;
}

async function questionsOf(attemptId: string) {
  return db
    .select({
      position: attemptQuestions.position,
      optionOrder: attemptQuestions.optionOrder,
      chosen: attemptQuestions.chosen,
      correct: attemptQuestions.correct,
      id: questionVersions.questionId,
      type: questionVersions.type,
      prompt: questionVersions.prompt,
      post: questionVersions.post,
      options: questionVersions.options,
    })
    .from(attemptQuestions)
    .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
    .where(eq(attemptQuestions.attemptId, attemptId))
    .orderBy(asc(attemptQuestions.position));
}

type StoredOptions = Awaited<ReturnType<typeof questionsOf>>[number]["options"];

function inOrder<T extends StoredOptions[number]>(options: T[], order: string[]): T[] {
  const byId = new Map(options.map((option) => [option.id, option]));
  return order.map((id) => byId.get(id)).filter((option): option is T => option !== undefined);
}

/**
 * An attempt as its owner may see it. Open: the questions and option texts only, built field
 * by field so nothing about right answers can slip into the page. Submitted: every mark and
 * every explanation.
 */
export async function attemptFor(userId: string, courseId: string, attemptId: string) {
  const row = await attemptRow(userId, courseId, attemptId);
  const course = await requireCourse(userId, courseId);
  const questions = await questionsOf(attemptId);
  const summary = {
    id: row.quiz_attempts.id,
    startedAt: row.quiz_attempts.startedAt,
    passMark: row.course_versions.passMark,
    total: questions.length,
    scoreNeeded: scoreNeeded(questions.length, row.course_versions.passMark),
  };
  const courseInfo = { id: course.id, title: course.title };
  if (row.quiz_attempts.submittedAt === null) {
    return {
      state: "open" as const,
      course: courseInfo,
      attempt: summary,
      questions: questions.map((question) => ({
        number: question.position + 1,
        id: question.id,
        field: answerField(question.id),
        type: question.type,
        prompt: question.prompt,
        post: question.post,
        options: inOrder(question.options, question.optionOrder).map(({ id, text }) => ({
          id,
          text,
        })),
      })),
    };
  }
  return {
    state: "submitted" as const,
    course: courseInfo,
    attempt: {
      ...summary,
      submittedAt: row.quiz_attempts.submittedAt,
      score: row.quiz_attempts.score ?? 0,
      passed: row.quiz_attempts.passed ?? false,
    },
    questions: questions.map((question) => {
      const chosen = new Set(question.chosen ?? []);
      return {
        number: question.position + 1,
        id: question.id,
        type: question.type,
        prompt: question.prompt,
        post: question.post,
        correct: question.correct ?? false,
        options: inOrder(question.options, question.optionOrder).map((option) => ({
          ...option,
          chosen: chosen.has(option.id),
        })),
      };
    }),
  };
}

export type SubmitResult =
  | { ok: true; score: number; total: number; passed: boolean }
  | { ok: false; status: 400 | 409; message: string; errors: Record<string, string> };

/**
 * Marks an attempt once. Anything the page could not have sent (a question not in the attempt,
 * an option not offered, two answers to a one-answer question) and a second submission are
 * refused with nothing changed; blank questions are named so the learner can answer them.
 */
export async function submitAttempt(
  userId: string,
  courseId: string,
  attemptId: string,
  given: Readonly<Record<string, readonly string[]>>,
): Promise<SubmitResult> {
  await requireCourse(userId, courseId);
  const result = await db.transaction(async (tx) => {
    const row = await attemptRowIn(tx, userId, courseId, attemptId);
    if (row.submittedAt !== null) {
      return {
        ok: false as const,
        status: 409 as const,
        message:
          "You have already submitted this attempt, so these answers were not saved. Start a new attempt to try again.",
        errors: {},
      };
    }
    const questions = await tx
      .select({
        position: attemptQuestions.position,
        id: questionVersions.questionId,
        type: questionVersions.type,
        options: questionVersions.options,
      })
      .from(attemptQuestions)
      .innerJoin(questionVersions, eq(questionVersions.id, attemptQuestions.questionVersionId))
      .where(eq(attemptQuestions.attemptId, attemptId))
      .orderBy(asc(attemptQuestions.position));
    const check = checkAnswers(questions, given);
    if (!check.ok && check.kind === "tampered") {
      return {
        ok: false as const,
        status: 400 as const,
        message: `${check.message} Nothing was saved.`,
        errors: {},
      };
    }
    if (!check.ok) {
      const number = new Map(questions.map((question) => [question.id, question.position + 1]));
      const errors = Object.fromEntries(
        check.questionIds.map((id) => [answerField(id), `Answer question ${number.get(id)}`]),
      );
      return {
        ok: false as const,
        status: 400 as const,
        message: "Answer every question before you submit.",
        errors,
      };
    }

    let score = 0;
    for (const question of questions) {
      const chosen = check.answers.get(question.id) ?? [];
      const correct = markQuestion(question, chosen);
      if (correct) score++;
      await tx
        .update(attemptQuestions)
        .set({ chosen, correct })
        .where(
          and(
            eq(attemptQuestions.attemptId, attemptId),
            eq(attemptQuestions.position, question.position),
          ),
        );
    }
    const passed = passes(score, questions.length, row.passMark);
    await tx
      .update(quizAttempts)
      // The app's clock, not the database's: certificates compare this with their own dates.
      .set({ submittedAt: now(), score, passed })
      .where(and(eq(quizAttempts.id, attemptId), isNull(quizAttempts.submittedAt)));
    return { ok: true as const, score, total: questions.length, passed };
  });
  // A pass may be the last requirement of a certificate.
  if (result.ok) await awardIfEligible(userId);
  return result;
}

/** The attempt row, locked so two submissions of it are marked one after the other. */
async function attemptRowIn(tx: Transaction, userId: string, courseId: string, attemptId: string) {
  const [row] = await tx
    .select({ submittedAt: quizAttempts.submittedAt, passMark: courseVersions.passMark })
    .from(quizAttempts)
    .innerJoin(courseVersions, eq(courseVersions.id, quizAttempts.courseVersionId))
    .where(
      and(
        eq(quizAttempts.id, attemptId),
        eq(quizAttempts.userId, userId),
        eq(quizAttempts.courseId, courseId),
      ),
    )
    .for("update", { of: quizAttempts });
  if (!row) throw notFound();
  return row;
}

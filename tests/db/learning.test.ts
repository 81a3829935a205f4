import "./memory-by-default";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { loadCourses } from "../../app/content/load.server";
import { parseQuiz } from "../../app/content/parse";
import { readCourses } from "../../app/content/read.server";
import { questionTypes } from "../../app/content/schema";
import type { Course } from "../../app/content/types";
import {
  askForCourse,
  assignCourse,
  courseFor,
  currentCourse,
  learningFor,
  nextInLearning,
} from "../../app/learn/courses.server";
import { drawQuestions } from "../../app/learn/draw";
import { completeLesson, lessonFor } from "../../app/learn/lessons.server";
import { attemptFor, quizFor, startAttempt, submitAttempt } from "../../app/learn/quiz.server";
import { createPerson } from "../../db/factories";
import {
  attemptQuestions,
  auditLog,
  courseEnrolments,
  courses,
  courseVersionLessons,
  courseVersionQuestions,
  courseVersions,
  lessonCompletions,
  lessonVersions,
  questionTypeEnum,
  questionVersions,
  quizAttempts,
} from "../../db/schema";
import { closeDatabase, countRows, db, prepareDatabase } from "./harness";

const staffCourse = "staff-social-media";
const accredited = "accredited-account";
const content = readCourses();
const courseOf = (id: string) => content.find((course) => course.id === id) as Course;

before(async () => {
  await prepareDatabase();
  await loadCourses(db);
});
after(closeDatabase);

const contentTables = {
  courses,
  courseVersions,
  lessonVersions,
  questionVersions,
  courseVersionLessons,
  courseVersionQuestions,
};

async function contentCounts() {
  const counts: Record<string, number> = {};
  for (const [name, table] of Object.entries(contentTables)) counts[name] = await countRows(table);
  return counts;
}

/** A copy of courses/ to edit, so a test can make new versions without touching the real files. */
function copyOfCourses(): string {
  const dir = mkdtempSync(join(tmpdir(), "courses-"));
  for (const course of content)
    cpSync(join("courses", course.id), join(dir, course.id), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, "utf8")));
}

/** Puts a word in front of a question's prompt, whether it is written inline or as a block. */
function reword(quiz: string, questionId: string): string {
  const start = quiz.indexOf(`  - id: ${questionId}\n`);
  const prompt = quiz.indexOf("\n    prompt:", start);
  assert.ok(start >= 0 && prompt > start, `question ${questionId} is in the file`);
  const lineEnd = quiz.indexOf("\n", prompt + 1);
  const inline = quiz.slice(prompt + "\n    prompt:".length, lineEnd).trim();
  const at = /^[>|]/.test(inline)
    ? lineEnd + 1 + (/^\s*/.exec(quiz.slice(lineEnd + 1))?.[0].length ?? 0)
    : prompt + "\n    prompt: ".length;
  return `${quiz.slice(0, at)}Reworded ${quiz.slice(at)}`;
}

async function rejectsWith(promise: Promise<unknown>, status: number) {
  await assert.rejects(promise, (thrown) => thrown instanceof Response && thrown.status === status);
}

/** The right option ids for a question, read from the course files as a learner never can. */
function rightAnswer(courseId: string, questionId: string): string[] {
  const question = courseOf(courseId).quiz?.questions.find((q) => q.id === questionId);
  assert.ok(question, `no question ${questionId}`);
  return question.options.filter((option) => option.correct).map((option) => option.id);
}

function wrongAnswer(courseId: string, questionId: string): string[] {
  const question = courseOf(courseId).quiz?.questions.find((q) => q.id === questionId);
  assert.ok(question);
  const wrong = question.options.find((option) => !option.correct);
  return wrong ? [wrong.id] : [question.options[0]?.id as string];
}

async function openAttempt(userId: string, courseId = staffCourse, seed?: number) {
  const { attemptId } = await startAttempt(userId, courseId, seed);
  const view = await attemptFor(userId, courseId, attemptId);
  assert.equal(view.state, "open");
  return { attemptId, view };
}

/** A seed whose draw from the staff bank holds every question type. */
function seedWithEveryType(): number {
  const bank = (courseOf(staffCourse).quiz?.questions ?? []).map((q) => ({
    id: q.id,
    lesson: q.lesson,
    type: q.type,
    options: q.options,
  }));
  const typeOf = new Map(bank.map((q) => [q.id, q.type]));
  for (let seed = 1; seed < 1000; seed++) {
    const drawn = drawQuestions(bank, 15, seed);
    if (new Set(drawn.map((q) => typeOf.get(q.id))).size === questionTypes.length) return seed;
  }
  throw new Error("no seed draws every type");
}

describe("loading courses", () => {
  test("stores every course, lesson and question once, with the current version set", async () => {
    const counts = await contentCounts();
    const lessons = content.reduce((sum, course) => sum + course.lessons.length, 0);
    const questions = content.reduce(
      (sum, course) => sum + (course.quiz?.questions.length ?? 0),
      0,
    );
    assert.equal(counts.courses, content.length);
    assert.equal(counts.courseVersions, content.length);
    assert.equal(counts.lessonVersions, lessons);
    assert.equal(counts.questionVersions, questions);
    assert.equal(counts.courseVersionLessons, lessons);
    assert.equal(counts.courseVersionQuestions, questions);
    for (const course of content) {
      const current = await currentCourse(course.id);
      assert.equal(current.contentHash, course.contentHash);
      assert.equal(current.passMark, course.quizRules.passMark);
    }
  });

  test("loading the same files again adds nothing", async () => {
    const before = await contentCounts();
    const summary = await loadCourses(db);
    assert.deepEqual(summary.added, { courses: 0, lessons: 0, questions: 0 });
    assert.deepEqual(await contentCounts(), before);
  });

  test("the database knows the same question types as the content", () => {
    assert.deepEqual([...questionTypeEnum.enumValues], [...questionTypes]);
  });

  test("an edited lesson is a new version; a completion on the old one is kept", async () => {
    const learner = await createPerson(db);
    const lesson = courseOf(staffCourse).lessons[1];
    assert.ok(lesson);
    assert.ok(
      (await completeLesson(learner.id, staffCourse, lesson.slug, lesson.source.sha256)).ok,
    );

    const dir = copyOfCourses();
    try {
      const file = lesson.source.path.replace(/^courses\//, "");
      edit(dir, file, (text) =>
        text
          .replace("## Worked example", "A new sentence before the example.\n\n## Worked example")
          .replace(/objectives:\n/, "objectives:\n  - Spot a new thing.\n"),
      );
      const before = await contentCounts();
      const summary = await loadCourses(db, readCourses(dir));
      assert.deepEqual(summary.added, { courses: 1, lessons: 1, questions: 0 });
      const after = await contentCounts();
      assert.equal(after.lessonVersions, (before.lessonVersions ?? 0) + 1);
      assert.equal(after.courseVersions, (before.courseVersions ?? 0) + 1);

      // The old completion is still there, on the version that was read.
      const completions = await db
        .select({ hash: lessonVersions.contentHash })
        .from(lessonCompletions)
        .innerJoin(lessonVersions, eq(lessonVersions.id, lessonCompletions.lessonVersionId))
        .where(eq(lessonCompletions.userId, learner.id));
      assert.deepEqual(
        completions.map((c) => c.hash),
        [lesson.source.sha256],
      );

      const course = await courseFor(learner.id, staffCourse);
      const state = course.standing?.progress.lessons.find((l) => l.slug === lesson.slug);
      assert.equal(state?.status, "updated");
      assert.equal(course.standing?.progress.done, 1, "still counts as read");

      const page = await lessonFor(learner.id, staffCourse, lesson.slug);
      assert.equal(page.status, "updated");
      assert.ok(page.changes.includes("New objective: Spot a new thing."), page.changes.join("|"));
      assert.ok(page.changes.some((change) => change.startsWith("Section changed:")));
      assert.notEqual(page.lesson.contentHash, lesson.source.sha256);

      // Reading the new version marks that one done too.
      assert.ok(
        (await completeLesson(learner.id, staffCourse, lesson.slug, page.lesson.contentHash)).ok,
      );
      assert.equal((await lessonFor(learner.id, staffCourse, lesson.slug)).status, "done");

      // Putting the file back makes the first version current again, adding nothing.
      const back = await loadCourses(db);
      assert.deepEqual(back.added, { courses: 0, lessons: 0, questions: 0 });
      assert.equal(
        (await currentCourse(staffCourse)).contentHash,
        courseOf(staffCourse).contentHash,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the test's rewording changes any question's prompt, however it is written", () => {
    const text = readFileSync(`courses/${staffCourse}/quiz.yaml`, "utf8");
    for (const question of courseOf(staffCourse).quiz?.questions ?? []) {
      const parsed = parseQuiz(reword(text, question.id), "quiz.yaml");
      assert.ok(parsed.ok);
      const prompt = parsed.value.questions.find((q) => q.id === question.id)?.prompt;
      assert.equal(prompt, `Reworded ${question.prompt}`);
    }
  });

  test("an edited question is a new version; attempts keep the one they were asked", async () => {
    const learner = await createPerson(db);
    const { attemptId, view } = await openAttempt(learner.id, staffCourse, 2024);
    const asked = view.questions[0];
    assert.ok(asked);
    const [before] = await db
      .select({ version: attemptQuestions.questionVersionId })
      .from(attemptQuestions)
      .where(and(eq(attemptQuestions.attemptId, attemptId), eq(attemptQuestions.position, 0)));

    const dir = copyOfCourses();
    try {
      edit(dir, `${staffCourse}/quiz.yaml`, (text) => reword(text, asked.id));
      const summary = await loadCourses(db, readCourses(dir));
      assert.equal(summary.added.questions, 1);
      assert.equal(summary.added.lessons, 0);
      const [after] = await db
        .select({ version: attemptQuestions.questionVersionId })
        .from(attemptQuestions)
        .where(and(eq(attemptQuestions.attemptId, attemptId), eq(attemptQuestions.position, 0)));
      assert.equal(after?.version, before?.version);
      const still = await attemptFor(learner.id, staffCourse, attemptId);
      assert.equal(still.questions[0]?.prompt, asked.prompt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await loadCourses(db);
    }
  });
});

describe("my courses", () => {
  test("everyone takes the staff course; the accredited course is there to ask for", async () => {
    const learner = await createPerson(db);
    const learning = await learningFor(learner.id);
    assert.deepEqual(
      learning.courses.map((course) => course.id),
      [staffCourse],
    );
    assert.deepEqual(
      learning.others.map((course) => course.id),
      [accredited],
    );
    const [course] = learning.courses;
    const lessons = courseOf(staffCourse).lessons;
    assert.equal(course?.progress.total, lessons.length);
    assert.equal(course?.progress.done, 0);
    assert.equal(
      course?.progress.minutesLeft,
      lessons.reduce((sum, lesson) => sum + lesson.minutes, 0),
    );
    assert.deepEqual(course?.progress.next, {
      kind: "lesson",
      slug: lessons[0]?.slug,
      title: lessons[0]?.title,
      minutes: lessons[0]?.minutes,
    });
  });

  test("asking for a course adds it at once, recorded with who and when; asking again adds nothing", async () => {
    const learner = await createPerson(db);
    await rejectsWith(lessonFor(learner.id, accredited, "busy-days"), 302);
    assert.deepEqual(await askForCourse(learner.id, accredited), { added: true });
    assert.deepEqual(await askForCourse(learner.id, accredited), { added: false });
    const [enrolment] = await db
      .select()
      .from(courseEnrolments)
      .where(eq(courseEnrolments.userId, learner.id));
    assert.equal(enrolment?.reason, "asked");
    assert.equal(enrolment?.byUserId, learner.id);
    assert.ok(enrolment?.createdAt instanceof Date);
    const entries = await db.select().from(auditLog).where(eq(auditLog.subjectId, learner.id));
    assert.deepEqual(
      entries.map((entry) => entry.action),
      ["course.asked"],
    );
    const learning = await learningFor(learner.id);
    assert.deepEqual(
      learning.courses.map((course) => course.id),
      [staffCourse, accredited],
    );
    assert.equal(learning.others.length, 0);
    assert.equal((await lessonFor(learner.id, accredited, "busy-days")).lesson.slug, "busy-days");
  });

  test("a manager can assign the course; the record says who", async () => {
    const manager = await createPerson(db, { role: "manager" });
    const learner = await createPerson(db);
    assert.deepEqual(await assignCourse(manager.id, learner.id, accredited), { added: true });
    const [enrolment] = await db
      .select()
      .from(courseEnrolments)
      .where(eq(courseEnrolments.userId, learner.id));
    assert.equal(enrolment?.reason, "assigned");
    assert.equal(enrolment?.byUserId, manager.id);
  });

  test("an unknown course is a 404", async () => {
    const learner = await createPerson(db);
    await rejectsWith(courseFor(learner.id, "no-such-course"), 404);
    await rejectsWith(askForCourse(learner.id, "no-such-course"), 404);
  });
});

describe("lessons and progress", () => {
  test("marking lessons done moves progress, time left and what is next", async () => {
    const learner = await createPerson(db);
    const lessons = courseOf(staffCourse).lessons;
    const [first, second] = lessons;
    assert.ok(first && second);
    const result = await completeLesson(learner.id, staffCourse, first.slug, first.source.sha256);
    assert.deepEqual(result, { ok: true, next: `/learn/${staffCourse}/${second.slug}` });
    // Marking it twice changes nothing.
    await completeLesson(learner.id, staffCourse, first.slug, first.source.sha256);
    const home = await nextInLearning(learner.id);
    assert.equal(home?.done, 1);
    assert.deepEqual(home?.next, {
      kind: "lesson",
      slug: second.slug,
      title: second.title,
      minutes: second.minutes,
    });
    assert.equal(
      home?.minutesLeft,
      lessons.slice(1).reduce((sum, lesson) => sum + lesson.minutes, 0),
    );

    for (const lesson of lessons.slice(1)) {
      await completeLesson(learner.id, staffCourse, lesson.slug, lesson.source.sha256);
    }
    const done = await nextInLearning(learner.id);
    assert.deepEqual(done?.next, { kind: "quiz" });
    assert.equal(done?.minutesLeft, 0);
  });

  test("the last lesson leads to the quiz once every lesson is done", async () => {
    const learner = await createPerson(db);
    const lessons = courseOf(staffCourse).lessons;
    for (const lesson of lessons.slice(0, -1)) {
      await completeLesson(learner.id, staffCourse, lesson.slug, lesson.source.sha256);
    }
    const last = lessons.at(-1);
    assert.ok(last);
    const result = await completeLesson(learner.id, staffCourse, last.slug, last.source.sha256);
    assert.deepEqual(result, { ok: true, next: `/learn/${staffCourse}/quiz` });
  });

  test("a lesson page has its objectives, neighbours and sanitised HTML", async () => {
    const learner = await createPerson(db);
    const lessons = courseOf(staffCourse).lessons;
    const page = await lessonFor(learner.id, staffCourse, lessons[1]?.slug as string);
    assert.equal(page.position, 2);
    assert.equal(page.previous?.slug, lessons[0]?.slug);
    assert.equal(page.next?.slug, lessons[2]?.slug);
    assert.deepEqual(page.lesson.objectives, lessons[1]?.objectives);
    assert.match(page.lesson.html, /<h2>Worked example/);
    assert.doesNotMatch(page.lesson.html, /What would you do\?/);
    assert.ok(page.lesson.whatWouldYouDo && page.lesson.whatWouldYouDo.length > 0);
    assert.equal(page.status, "not-started");
  });

  test("a wrong lesson version is a 400; an unknown lesson a 404; both write nothing", async () => {
    const learner = await createPerson(db);
    const lesson = courseOf(staffCourse).lessons[0];
    assert.ok(lesson);
    const before = await countRows(lessonCompletions);
    const result = await completeLesson(learner.id, staffCourse, lesson.slug, "0".repeat(64));
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.status === 400 && /not a version/.test(result.message));
    await rejectsWith(
      completeLesson(learner.id, staffCourse, "no-such-lesson", "0".repeat(64)),
      404,
    );
    await rejectsWith(lessonFor(learner.id, staffCourse, "no-such-lesson"), 404);
    assert.equal(await countRows(lessonCompletions), before);
  });
});

describe("quiz attempts", () => {
  test("an open attempt shows questions without answers or explanations", async () => {
    const learner = await createPerson(db);
    const { view } = await openAttempt(learner.id);
    assert.equal(view.questions.length, courseOf(staffCourse).quizRules.questionsPerAttempt);
    const sent = JSON.stringify(view);
    assert.doesNotMatch(sent, /explanation/i);
    assert.doesNotMatch(sent, /"correct"/);
    for (const question of view.questions) {
      for (const option of question.options) assert.deepEqual(Object.keys(option), ["id", "text"]);
    }
  });

  test("starting twice resumes the open attempt; it keeps its seed", async () => {
    const learner = await createPerson(db);
    const first = await startAttempt(learner.id, staffCourse, 42);
    const again = await startAttempt(learner.id, staffCourse, 7);
    assert.equal(again.attemptId, first.attemptId);
    assert.equal(again.resumed, true);
    const [row] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, first.attemptId));
    assert.equal(row?.seed, 42);
  });

  test("every question type is marked right only when exactly the right options are chosen", async () => {
    const learner = await createPerson(db);
    const { attemptId, view } = await openAttempt(learner.id, staffCourse, seedWithEveryType());
    const expected = new Map<string, boolean>();
    const answers: Record<string, string[]> = {};
    const seenType = new Set<string>();
    for (const question of view.questions) {
      const right = rightAnswer(staffCourse, question.id);
      // The first question of each type is answered right, the next wrong, and so on.
      const answerRight = !seenType.has(question.type);
      seenType.add(question.type);
      if (answerRight) {
        answers[question.id] = right;
      } else if (question.type === "multiple") {
        // Every box ticked, or only some of the right ones: never right.
        const all = question.options.map((option) => option.id);
        answers[question.id] = all.length === right.length ? right.slice(0, -1) : all;
        if (answers[question.id]?.length === 0)
          answers[question.id] = wrongAnswer(staffCourse, question.id);
      } else {
        answers[question.id] = wrongAnswer(staffCourse, question.id);
      }
      expected.set(question.id, answerRight);
    }
    const result = await submitAttempt(learner.id, staffCourse, attemptId, answers);
    assert.ok(result.ok);
    const marked = await attemptFor(learner.id, staffCourse, attemptId);
    assert.equal(marked.state, "submitted");
    for (const question of marked.questions) {
      assert.equal(question.correct, expected.get(question.id), `${question.type} ${question.id}`);
      for (const option of question.options) {
        assert.ok("explanation" in option && option.explanation.length > 0);
        assert.equal(option.chosen, answers[question.id]?.includes(option.id));
      }
    }
    const score = [...expected.values()].filter(Boolean).length;
    assert.equal(result.score, score);
    assert.equal(seenType.size, questionTypes.length);
  });

  test("all right passes, all wrong fails, and the quiz page lists both attempts", async () => {
    const learner = await createPerson(db);
    const first = await openAttempt(learner.id);
    const wrong = Object.fromEntries(
      first.view.questions.map((q) => [q.id, wrongAnswer(staffCourse, q.id)]),
    );
    const failed = await submitAttempt(learner.id, staffCourse, first.attemptId, wrong);
    assert.deepEqual(failed, { ok: true, score: 0, total: 15, passed: false });

    const second = await openAttempt(learner.id);
    assert.notEqual(second.attemptId, first.attemptId);
    assert.notDeepEqual(
      second.view.questions.map((q) => q.id).sort(),
      first.view.questions.map((q) => q.id).sort(),
      "a new attempt draws a new set",
    );
    const right = Object.fromEntries(
      second.view.questions.map((q) => [q.id, rightAnswer(staffCourse, q.id)]),
    );
    const passed = await submitAttempt(learner.id, staffCourse, second.attemptId, right);
    assert.deepEqual(passed, { ok: true, score: 15, total: 15, passed: true });

    const quiz = await quizFor(learner.id, staffCourse);
    assert.deepEqual(
      quiz.attempts.map((attempt) => [attempt.id, attempt.score, attempt.passed, attempt.total]),
      [
        [second.attemptId, 15, true, 15],
        [first.attemptId, 0, false, 15],
      ],
    );
    assert.equal(quiz.passed, true);
    assert.equal(quiz.open, null);
  });

  test("the pass mark is a percentage of the questions drawn", async () => {
    const learner = await createPerson(db);
    const { attemptId, view } = await openAttempt(learner.id);
    // 80% of 15 is 12: twelve right passes.
    const answers = Object.fromEntries(
      view.questions.map((q, index) => [
        q.id,
        index < 12 ? rightAnswer(staffCourse, q.id) : wrongAnswer(staffCourse, q.id),
      ]),
    );
    const result = await submitAttempt(learner.id, staffCourse, attemptId, answers);
    assert.deepEqual(result, { ok: true, score: 12, total: 15, passed: true });
  });
});

describe("tampered submissions change nothing", () => {
  let owner: Awaited<ReturnType<typeof createPerson>>;
  let attemptId: string;
  let view: Awaited<ReturnType<typeof openAttempt>>["view"];
  let rightAnswers: Record<string, string[]>;

  before(async () => {
    owner = await createPerson(db);
    ({ attemptId, view } = await openAttempt(owner.id));
    rightAnswers = Object.fromEntries(
      view.questions.map((q) => [q.id, rightAnswer(staffCourse, q.id)]),
    );
  });

  async function untouched() {
    const [attempt] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId));
    assert.equal(attempt?.submittedAt, null);
    assert.equal(attempt?.score, null);
    const rows = await db
      .select()
      .from(attemptQuestions)
      .where(eq(attemptQuestions.attemptId, attemptId));
    assert.ok(rows.every((row) => row.chosen === null && row.correct === null));
  }

  test("a question that is not in the attempt is a 400", async () => {
    const result = await submitAttempt(owner.id, staffCourse, attemptId, {
      ...rightAnswers,
      "not-a-question": ["a"],
    });
    assert.ok(!result.ok);
    assert.equal(result.status, 400);
    assert.match(result.message, /"not-a-question" is not a question in this attempt/);
    await untouched();
  });

  test("an answer that is not an option is a 400", async () => {
    const first = view.questions[0];
    assert.ok(first);
    const result = await submitAttempt(owner.id, staffCourse, attemptId, {
      ...rightAnswers,
      [first.id]: ["z"],
    });
    assert.ok(!result.ok);
    assert.equal(result.status, 400);
    assert.match(result.message, /"z" is not one of the options for question 1/);
    await untouched();
  });

  test("two answers to a one-answer question is a 400", async () => {
    const single = view.questions.find((q) => q.type !== "multiple");
    assert.ok(single);
    const result = await submitAttempt(owner.id, staffCourse, attemptId, {
      ...rightAnswers,
      [single.id]: single.options.map((option) => option.id),
    });
    assert.ok(!result.ok);
    assert.equal(result.status, 400);
    assert.match(result.message, /takes only one answer/);
    await untouched();
  });

  test("blank questions are a 400 naming each one", async () => {
    const [first, second, ...rest] = view.questions;
    assert.ok(first && second);
    const result = await submitAttempt(
      owner.id,
      staffCourse,
      attemptId,
      Object.fromEntries(rest.map((q) => [q.id, rightAnswers[q.id] as string[]])),
    );
    assert.ok(!result.ok);
    assert.equal(result.status, 400);
    assert.deepEqual(result.errors, {
      [`q-${first.id}`]: "Answer question 1",
      [`q-${second.id}`]: "Answer question 2",
    });
    await untouched();
  });

  test("someone else's attempt is a 404, to look at and to submit", async () => {
    const stranger = await createPerson(db);
    await rejectsWith(attemptFor(stranger.id, staffCourse, attemptId), 404);
    await rejectsWith(submitAttempt(stranger.id, staffCourse, attemptId, rightAnswers), 404);
    await untouched();
  });

  test("an attempt under another course's address is a 404", async () => {
    await askForCourse(owner.id, accredited);
    await rejectsWith(attemptFor(owner.id, accredited, attemptId), 404);
    await rejectsWith(submitAttempt(owner.id, accredited, attemptId, rightAnswers), 404);
    await untouched();
  });

  test("a second submission of the same attempt is a 409 and keeps the first marks", async () => {
    const first = await submitAttempt(owner.id, staffCourse, attemptId, rightAnswers);
    assert.deepEqual(first, { ok: true, score: 15, total: 15, passed: true });
    const wrong = Object.fromEntries(
      view.questions.map((q) => [q.id, wrongAnswer(staffCourse, q.id)]),
    );
    const second = await submitAttempt(owner.id, staffCourse, attemptId, wrong);
    assert.ok(!second.ok);
    assert.equal(second.status, 409);
    assert.match(second.message, /already submitted/);
    const [attempt] = await db.select().from(quizAttempts).where(eq(quizAttempts.id, attemptId));
    assert.equal(attempt?.score, 15);
    assert.equal(attempt?.passed, true);
  });
});

// The content check: the real course files in courses/ are complete, consistent and safe to
// publish. A failure names the file and what to fix.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  countWords,
  findContactDetails,
  WHAT_WOULD_YOU_DO_HEADING,
  WORDS_PER_MINUTE,
  WORKED_EXAMPLE_HEADING,
} from "~/content/check";
import { formatProblem } from "~/content/problems";
import { inspectCourses } from "~/content/read.server";
import { questionTypes } from "~/content/schema";

const { courses, problems } = inspectCourses("courses");
const lessons = courses.flatMap((course) => course.lessons);
const questions = courses.flatMap((course) =>
  (course.quiz?.questions ?? []).map((question) => ({ course, question })),
);

describe("course content", () => {
  test("every course file is valid and every reference resolves", () => {
    assert.deepEqual(problems.map(formatProblem), []);
  });

  test("both courses exist with their agreed titles", () => {
    const titles = Object.fromEntries(courses.map((course) => [course.id, course.title]));
    assert.deepEqual(titles, {
      "accredited-account": "Running an accredited council account",
      "staff-social-media": "Social media at work",
    });
  });

  test("the staff course has every lesson the scenarios link to", () => {
    const ids = new Set(lessons.map((lesson) => lesson.id));
    for (const id of [
      "staff-social-media/listening",
      "staff-social-media/criticism-or-abuse",
      "staff-social-media/explaining-why",
      "staff-social-media/getting-it-wrong",
      "staff-social-media/data-protection",
      "staff-social-media/escalation",
    ]) {
      assert.ok(ids.has(id), `missing lesson ${id}`);
    }
  });

  test("each course lists exactly its lesson files, in file order", () => {
    for (const course of courses) {
      assert.deepEqual(
        course.lessonOrder,
        course.lessons.map((lesson) => lesson.id),
        course.source.path,
      );
    }
  });
});

describe("lessons", () => {
  test("there are 10 to 14 lessons across the courses", () => {
    assert.ok(lessons.length >= 10 && lessons.length <= 14, `${lessons.length} lessons`);
  });

  for (const lesson of lessons) {
    describe(lesson.source.path, () => {
      test("has objectives, a worked example and a What would you do? section", () => {
        assert.ok(lesson.objectives.length > 0, "no objectives");
        assert.match(lesson.body, WORKED_EXAMPLE_HEADING);
        assert.match(lesson.body, WHAT_WOULD_YOU_DO_HEADING);
      });

      test("takes 3 to 6 minutes to read, within a minute of what it says", () => {
        const minutes = countWords(lesson.body) / WORDS_PER_MINUTE;
        assert.ok(
          Math.abs(minutes - lesson.minutes) <= 1,
          `says ${lesson.minutes} minutes, reads in ${minutes.toFixed(1)}`,
        );
        assert.ok(minutes >= 2.5 && minutes < 6.5, `reads in ${minutes.toFixed(1)} minutes`);
      });

      test("has a question in its course's quiz", () => {
        const course = courses.find((c) => c.lessons.includes(lesson));
        assert.ok(course?.quiz?.questions.some((question) => question.lesson === lesson.id));
      });

      test("contains no real phone numbers or email addresses", () => {
        assert.deepEqual(findContactDetails(lesson.body), []);
      });
    });
  }
});

describe("quizzes", () => {
  test("there are at least 45 questions across the courses", () => {
    assert.ok(questions.length >= 45, `${questions.length} questions`);
  });

  test("every question type is used", () => {
    const used = new Set(questions.map(({ question }) => question.type));
    assert.deepEqual([...used].sort(), [...questionTypes].sort());
  });

  test("each course has a pass mark and draws no more questions than its bank holds", () => {
    for (const course of courses) {
      const bank = course.quiz?.questions.length ?? 0;
      assert.ok(course.quizRules.passMark >= 50 && course.quizRules.passMark <= 100);
      assert.ok(
        course.quizRules.questionsPerAttempt <= bank,
        `${course.id} draws ${course.quizRules.questionsPerAttempt} from ${bank}`,
      );
    }
  });

  for (const { course, question } of questions) {
    const name = `${course.id} question "${question.id}"`;

    test(`${name} has the right number of right answers`, () => {
      const right = question.options.filter((option) => option.correct).length;
      if (question.type === "multiple") assert.ok(right >= 1, "no right option");
      else assert.equal(right, 1, "needs exactly one right option");
    });

    test(`${name} explains every option`, () => {
      for (const option of question.options) {
        assert.ok(option.explanation.trim().length > 0, `option ${option.id} has no explanation`);
      }
    });

    test(`${name} tests a lesson in its own course`, () => {
      assert.ok(
        course.lessons.some((lesson) => lesson.id === question.lesson),
        question.lesson,
      );
    });

    test(`${name} contains no real phone numbers or email addresses`, () => {
      const text = [
        question.prompt,
        question.type === "best-reply" ? question.post.text : "",
        ...question.options.flatMap((option) => [option.text, option.explanation]),
      ].join("\n");
      assert.deepEqual(findContactDetails(text), []);
    });
  }
});

describe("content versions", () => {
  test("every lesson, quiz and course has its own sha256", () => {
    const hashes = [
      ...courses.map((course) => course.contentHash),
      ...courses.map((course) => course.source.sha256),
      ...lessons.map((lesson) => lesson.source.sha256),
      ...courses.flatMap((course) => (course.quiz ? [course.quiz.source.sha256] : [])),
    ];
    for (const hash of hashes) assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(new Set(hashes).size, hashes.length, "two pieces of content share a hash");
  });
});

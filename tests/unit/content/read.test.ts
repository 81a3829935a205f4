// Reading courses from disk: the cross-file checks, the errors a writer sees, and the hashes that
// tell content versions apart. Each test builds a small course in a temporary folder.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, test } from "node:test";
import { findContactDetails } from "~/content/check";
import { ContentError, formatProblem } from "~/content/problems";
import { inspectCourses, readCourses } from "~/content/read.server";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "courses-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

// About 600 words: three minutes at 200 words a minute.
const threeMinutes = Array.from({ length: 75 }, () => "Say sorry and correct it in the open.")
  .join(" ")
  .concat(" Then pin it.");

function lessonFile(slug: string, options: { minutes?: number; body?: string } = {}): string {
  const body =
    options.body ??
    `${threeMinutes}\n\n## Worked example: a bin day\n\nText.\n\n## What would you do?\n\nText.\n`;
  return `---\nid: demo/${slug}\ntitle: ${slug}\nobjectives:\n  - Learn ${slug}.\nminutes: ${options.minutes ?? 3}\n---\n${body}`;
}

const question = (id: string, lesson: string) => `  - id: ${id}
    type: true-false
    lesson: ${lesson}
    prompt: A statement.
    answer: true
    ifTrue: Right.
    ifFalse: Wrong.
`;

function writeCourse(
  files: Record<string, string> = {},
  { lessons = ["demo/first", "demo/second"], perAttempt = 2 } = {},
): void {
  const all: Record<string, string> = {
    "course.yaml": `id: demo\ntitle: Demo\nsummary: S.\naudience: A.\nquiz:\n  passMark: 80\n  questionsPerAttempt: ${perAttempt}\nlessons:\n${lessons.map((id) => `  - ${id}`).join("\n")}\n`,
    "lessons/01-first.md": lessonFile("first"),
    "lessons/02-second.md": lessonFile("second"),
    "quiz.yaml": `course: demo\nquestions:\n${question("q1", "demo/first")}${question("q2", "demo/second")}`,
    ...files,
  };
  for (const [name, text] of Object.entries(all)) {
    const path = join(dir, "demo", name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
}

const problems = () => inspectCourses(dir).problems.map(formatProblem);

describe("readCourses", () => {
  test("reads a valid course with its lessons, bodies and quiz", () => {
    writeCourse();
    mkdirSync(join(dir, "scenarios"));
    const [course, ...others] = readCourses(dir);
    assert.equal(others.length, 0, "a folder without course.yaml is not a course");
    assert.equal(course?.id, "demo");
    assert.deepEqual(
      course?.lessons.map((lesson) => [lesson.slug, lesson.source.path]),
      [
        ["first", join(dir, "demo/lessons/01-first.md")],
        ["second", join(dir, "demo/lessons/02-second.md")],
      ],
    );
    assert.match(course?.lessons[0]?.body ?? "", /^Say sorry/);
    assert.equal(course?.quiz?.questions.length, 2);
  });

  test("throws an error naming the file, line and column of every problem", () => {
    writeCourse({ "quiz.yaml": "course: demo\nquestions:\n  - id: q1\n    type: single\n" });
    assert.throws(
      () => readCourses(dir),
      (error: unknown) =>
        error instanceof ContentError &&
        error.message.includes(
          `${join(dir, "demo/quiz.yaml")}:3:5: questions[0].lesson: is missing`,
        ),
    );
  });

  test("editing a lesson changes its hash and the course's, but not the quiz's", () => {
    writeCourse();
    const before = readCourses(dir)[0];
    writeCourse({ "lessons/02-second.md": lessonFile("second").replace("Learn", "Practise") });
    const after = readCourses(dir)[0];
    assert.equal(after?.lessons[0]?.source.sha256, before?.lessons[0]?.source.sha256);
    assert.notEqual(after?.lessons[1]?.source.sha256, before?.lessons[1]?.source.sha256);
    assert.notEqual(after?.contentHash, before?.contentHash);
    assert.equal(after?.quiz?.source.sha256, before?.quiz?.source.sha256);
  });
});

describe("the cross-file check", () => {
  test("a lesson listed in course.yaml but with no file", () => {
    writeCourse({}, { lessons: ["demo/first", "demo/second", "demo/third"] });
    assert.deepEqual(problems(), [
      `${join(dir, "demo/course.yaml")}: lists lesson "demo/third" but no lesson file has that id`,
    ]);
  });

  test("a lesson file that course.yaml does not list", () => {
    writeCourse({}, { lessons: ["demo/first"] });
    assert.ok(problems().some((p) => p.includes('does not list lesson "demo/second"')));
  });

  test("lessons listed in a different order from their files", () => {
    writeCourse({}, { lessons: ["demo/second", "demo/first"] });
    assert.ok(problems().some((p) => p.includes("different order")));
  });

  test("a file name that does not match the lesson id", () => {
    writeCourse(
      { "lessons/02-second.md": lessonFile("other") },
      { lessons: ["demo/first", "demo/other"] },
    );
    assert.ok(
      problems().some((p) => p.endsWith("file name must be NN-other.md to match the lesson id")),
    );
  });

  test("a question that names a lesson not in the course", () => {
    writeCourse({
      "quiz.yaml": `course: demo\nquestions:\n${question("q1", "demo/first")}${question("q2", "demo/secnd")}`,
    });
    assert.deepEqual(problems(), [
      `${join(dir, "demo/quiz.yaml")}: question "q2" names lesson "demo/secnd", which is not in this course`,
      `${join(dir, "demo/quiz.yaml")}: no question tests lesson "demo/second"`,
    ]);
  });

  test("an attempt that draws more questions than the bank holds", () => {
    writeCourse({}, { perAttempt: 3 });
    assert.deepEqual(problems(), [
      `${join(dir, "demo/quiz.yaml")}: has 2 questions but an attempt draws 3`,
    ]);
  });

  test("a reading time that does not match the lesson's length", () => {
    writeCourse({ "lessons/01-first.md": lessonFile("first", { minutes: 5 }) });
    const [problem, ...rest] = problems();
    assert.equal(rest.length, 0);
    assert.match(
      problem ?? "",
      /01-first\.md: says 5 minutes but its 61\d words take 3\.1 minutes at 200/,
    );
  });

  test("a lesson without a worked example or a What would you do? section", () => {
    writeCourse({ "lessons/01-first.md": lessonFile("first", { body: `${threeMinutes}\n` }) });
    assert.deepEqual(problems(), [
      `${join(dir, "demo/lessons/01-first.md")}: needs a "## Worked example" section`,
      `${join(dir, "demo/lessons/01-first.md")}: needs a "## What would you do?" section`,
    ]);
  });

  test("a lesson with a phone number outside the drama ranges", () => {
    const body = lessonFile("first").replace("Text.", "Call 01632 960123 or 0161 555 0123.");
    writeCourse({ "lessons/01-first.md": body });
    assert.deepEqual(problems(), [
      `${join(dir, "demo/lessons/01-first.md")}: contains the phone number "0161 555 0123", which could be real: use an Ofcom drama number such as 01632 960123`,
    ]);
  });
});

describe("findContactDetails", () => {
  test("allows numbers and addresses kept for fiction", () => {
    const text =
      "Ring 01632 960481, 020 7946 0123, 07700 900314 or +44 7700 900123. Email jane@example.org or help@demo-council.test. Call 999 or 101.";
    assert.deepEqual(findContactDetails(text), []);
  });

  test("flags numbers and addresses that could reach a real person", () => {
    assert.deepEqual(findContactDetails("Ring 07912 345678 or mail jo.bloggs@gmail.com"), [
      { kind: "phone number", text: "07912 345678" },
      { kind: "email address", text: "jo.bloggs@gmail.com" },
    ]);
  });

  test("does not mistake a social media handle for an email address", () => {
    assert.deepEqual(findContactDetails("Follow @JaneSmithDemoCouncil for updates."), []);
  });
});

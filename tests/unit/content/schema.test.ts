// What a writer sees when a content file is wrong: the file, the line and column, and a message
// in plain words.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseCourse, parseLesson, parseQuiz } from "~/content/parse";
import { type ContentProblem, formatProblem } from "~/content/problems";
import type { Parsed } from "~/content/yaml";

function problemsOf(result: Parsed<unknown>): string[] {
  assert.equal(result.ok, false, "expected the input to be rejected");
  return result.ok ? [] : result.problems.map((p: ContentProblem) => formatProblem(p));
}

const course = (lines: string[]) => `${lines.join("\n")}\n`;
const validCourse = [
  "id: demo",
  "title: Demo course",
  "summary: A short summary.",
  "audience: Everyone.",
  "quiz:",
  "  passMark: 80",
  "  questionsPerAttempt: 2",
  "lessons:",
  "  - demo/first",
];

describe("course.yaml", () => {
  test("a valid file parses", () => {
    const result = parseCourse(course(validCourse), "course.yaml");
    assert.ok(result.ok);
    assert.equal(result.value.quiz.passMark, 80);
  });

  test("a missing field is named", () => {
    const lines = validCourse.filter((line) => !line.startsWith("title:"));
    assert.deepEqual(problemsOf(parseCourse(course(lines), "course.yaml")), [
      "course.yaml:1:1: title: is missing (expected string)",
    ]);
  });

  test("an unknown key is reported at its own line", () => {
    const lines = [...validCourse.slice(0, 6), "  pass_mark: 70", ...validCourse.slice(6)];
    assert.deepEqual(problemsOf(parseCourse(course(lines), "course.yaml")), [
      'course.yaml:7:3: quiz: unknown field "pass_mark"',
    ]);
  });

  test("a wrongly typed value is reported at the value", () => {
    const lines = validCourse.map((line) => line.replace("passMark: 80", "passMark: eighty"));
    assert.deepEqual(problemsOf(parseCourse(course(lines), "course.yaml")), [
      'course.yaml:6:13: quiz.passMark: expected number, found string "eighty"',
    ]);
  });

  test("a lesson id without its course is rejected", () => {
    const lines = validCourse.map((line) => line.replace("demo/first", "first"));
    const [problem] = problemsOf(parseCourse(course(lines), "course.yaml"));
    assert.match(
      problem ?? "",
      /^course\.yaml:9:5: lessons\[0\]: must be <course-id>\/<lesson-slug>/,
    );
  });

  test("broken YAML is reported with its line", () => {
    const lines = validCourse.map((line) => line.replace("title: Demo course", "title: [Demo"));
    const [problem] = problemsOf(parseCourse(course(lines), "course.yaml"));
    assert.match(problem ?? "", /^course\.yaml:3:1: YAML syntax: /);
  });
});

describe("lesson front matter", () => {
  const lesson = (frontMatter: string[], body = "Hello.") =>
    `---\n${frontMatter.join("\n")}\n---\n${body}`;
  const valid = ["id: demo/first", "title: First", "objectives:", "  - Learn it.", "minutes: 3"];

  test("a valid lesson keeps its body without the front matter", () => {
    const result = parseLesson(lesson(valid, "# Heading\n\nText."), "01-first.md");
    assert.ok(result.ok);
    assert.equal(result.value.body, "# Heading\n\nText.");
    assert.deepEqual(result.value.objectives, ["Learn it."]);
  });

  test("line numbers count the opening --- of the file", () => {
    const withExtra = [...valid.slice(0, 2), "author: Sam", ...valid.slice(2)];
    assert.deepEqual(problemsOf(parseLesson(lesson(withExtra), "01-first.md")), [
      '01-first.md:4:1: unknown field "author"',
    ]);
  });

  test("a lesson with no objectives is rejected", () => {
    const noObjectives = ["id: demo/first", "title: First", "objectives: []", "minutes: 3"];
    assert.deepEqual(problemsOf(parseLesson(lesson(noObjectives), "01-first.md")), [
      "01-first.md:4:13: objectives: a lesson needs at least one objective",
    ]);
  });

  test("reading time must be 3 to 6 minutes", () => {
    const long = valid.map((line) => line.replace("minutes: 3", "minutes: 10"));
    assert.deepEqual(problemsOf(parseLesson(lesson(long), "01-first.md")), [
      "01-first.md:6:10: minutes: a lesson is 3 to 6 minutes long",
    ]);
  });

  test("a lesson without front matter is rejected", () => {
    assert.deepEqual(problemsOf(parseLesson("# Just a heading\n", "01-first.md")), [
      "01-first.md:1:1: a lesson must start with front matter between two --- lines",
    ]);
  });
});

describe("quiz.yaml", () => {
  const quiz = (question: string) => `course: demo\nquestions:\n${question}`;
  const single = (options: string) => `  - id: q1
    type: single
    lesson: demo/first
    prompt: Which?
    options:
${options}`;
  const option = (id: string, correct: boolean, explanation = "Because.") =>
    `      - id: ${id}\n        text: Option ${id}\n${correct ? "        correct: true\n" : ""}${
      explanation ? `        explanation: ${explanation}\n` : ""
    }`;

  test("a single-choice question with two right options is rejected", () => {
    const text = quiz(single(option("a", true) + option("b", true)));
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      "quiz.yaml:8:7: questions[0].options: a single-choice question needs exactly one right option (found 2)",
    ]);
  });

  test("a single-choice question with no right option is rejected", () => {
    const text = quiz(single(option("a", false) + option("b", false)));
    assert.match(
      problemsOf(parseQuiz(text, "quiz.yaml"))[0] ?? "",
      /exactly one right option \(found 0\)/,
    );
  });

  test("an option without an explanation is named", () => {
    const text = quiz(single(option("a", true) + option("b", false, "")));
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      "quiz.yaml:12:9: questions[0].options[1].explanation: is missing (expected string)",
    ]);
  });

  test("two options with the same id are rejected", () => {
    const text = quiz(single(option("a", true) + option("a", false)));
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      'quiz.yaml:12:13: questions[0].options[1].id: option id "a" is used twice',
    ]);
  });

  test("a multiple-choice question needs at least one right option", () => {
    const text = quiz(
      single(option("a", false) + option("b", false)).replace("type: single", "type: multiple"),
    );
    assert.match(
      problemsOf(parseQuiz(text, "quiz.yaml"))[0] ?? "",
      /a multiple-choice question needs at least one right option/,
    );
  });

  test("an unknown question type lists the types there are", () => {
    const text = quiz(single(option("a", true)).replace("type: single", "type: essay"));
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      "quiz.yaml:4:11: questions[0].type: must be one of single, multiple, true-false, best-reply",
    ]);
  });

  test("a best-reply question must show the post being replied to", () => {
    const text = quiz(
      single(option("a", true) + option("b", false)).replace("single", "best-reply"),
    );
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      "quiz.yaml:3:5: questions[0].post: is missing (expected object)",
    ]);
  });

  test("a true/false question becomes two options the app can mark", () => {
    const text = quiz(`  - id: q1
    type: true-false
    lesson: demo/first
    prompt: The sky is green.
    answer: false
    ifTrue: No, it is blue.
    ifFalse: Right, it is blue.
`);
    const result = parseQuiz(text, "quiz.yaml");
    assert.ok(result.ok);
    assert.deepEqual(result.value.questions[0]?.options, [
      { id: "true", text: "True", correct: false, explanation: "No, it is blue." },
      { id: "false", text: "False", correct: true, explanation: "Right, it is blue." },
    ]);
  });

  test("a true/false question needs an explanation for each answer", () => {
    const text = quiz(`  - id: q1
    type: true-false
    lesson: demo/first
    prompt: The sky is green.
    answer: false
    ifFalse: Right, it is blue.
`);
    assert.deepEqual(problemsOf(parseQuiz(text, "quiz.yaml")), [
      "quiz.yaml:3:5: questions[0].ifTrue: is missing (expected string)",
    ]);
  });
});

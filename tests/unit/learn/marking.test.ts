import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  checkAnswers,
  type MarkableQuestion,
  markQuestion,
  passes,
  scoreNeeded,
} from "~/learn/marking";

const single: MarkableQuestion = {
  id: "single",
  type: "single",
  options: [
    { id: "a", correct: false },
    { id: "b", correct: true },
    { id: "c", correct: false },
  ],
};
const bestReply: MarkableQuestion = { ...single, id: "best", type: "best-reply" };
const trueFalse: MarkableQuestion = {
  id: "tf",
  type: "true-false",
  options: [
    { id: "true", correct: false },
    { id: "false", correct: true },
  ],
};
const multiple: MarkableQuestion = {
  id: "multi",
  type: "multiple",
  options: [
    { id: "a", correct: true },
    { id: "b", correct: false },
    { id: "c", correct: true },
    { id: "d", correct: false },
  ],
};

describe("markQuestion", () => {
  test("single choice and best reply: right only with the one right option", () => {
    for (const question of [single, bestReply]) {
      assert.equal(markQuestion(question, ["b"]), true);
      assert.equal(markQuestion(question, ["a"]), false);
      assert.equal(markQuestion(question, []), false);
      assert.equal(markQuestion(question, ["a", "b"]), false);
    }
  });

  test("true/false: right only with the right choice", () => {
    assert.equal(markQuestion(trueFalse, ["false"]), true);
    assert.equal(markQuestion(trueFalse, ["true"]), false);
  });

  test("multiple choice is all or nothing, in any order", () => {
    assert.equal(markQuestion(multiple, ["a", "c"]), true);
    assert.equal(markQuestion(multiple, ["c", "a"]), true);
    assert.equal(markQuestion(multiple, ["a"]), false, "some of the right ones");
    assert.equal(markQuestion(multiple, ["a", "b", "c", "d"]), false, "every box ticked");
    assert.equal(markQuestion(multiple, ["a", "c", "d"]), false, "one wrong one too");
    assert.equal(markQuestion(multiple, ["b", "d"]), false);
  });
});

describe("passes", () => {
  test("reaching the pass mark passes; one short does not", () => {
    assert.equal(passes(12, 15, 80), true);
    assert.equal(passes(11, 15, 80), false);
    assert.equal(passes(15, 15, 100), true);
    assert.equal(passes(0, 0, 80), false, "an empty attempt never passes");
  });

  test("the score needed rounds up", () => {
    assert.equal(scoreNeeded(15, 80), 12);
    assert.equal(scoreNeeded(12, 80), 10);
    assert.equal(scoreNeeded(7, 50), 4);
  });
});

describe("checkAnswers", () => {
  const questions = [single, multiple, trueFalse];

  test("accepts one answer for each question, several for multiple choice", () => {
    const result = checkAnswers(questions, { single: ["b"], multi: ["a", "c"], tf: ["true"] });
    assert.ok(result.ok);
    assert.deepEqual(result.answers.get("multi"), ["a", "c"]);
  });

  test("a question that is not in the attempt is tampering", () => {
    const result = checkAnswers(questions, {
      single: ["b"],
      multi: ["a"],
      tf: ["true"],
      other: ["a"],
    });
    assert.deepEqual(result, {
      ok: false,
      kind: "tampered",
      message: '"other" is not a question in this attempt.',
    });
  });

  test("an option that was not offered is tampering, named with its question number", () => {
    const result = checkAnswers(questions, { single: ["b"], multi: ["a", "x"], tf: ["true"] });
    assert.deepEqual(result, {
      ok: false,
      kind: "tampered",
      message: '"x" is not one of the options for question 2.',
    });
  });

  test("two answers to a one-answer question is tampering", () => {
    const result = checkAnswers(questions, { single: ["a", "b"], multi: ["a"], tf: ["true"] });
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.kind === "tampered");
  });

  test("the same option twice counts once", () => {
    const result = checkAnswers(questions, { single: ["b", "b"], multi: ["a"], tf: ["true"] });
    assert.ok(result.ok);
    assert.deepEqual(result.answers.get("single"), ["b"]);
  });

  test("blank questions are listed in the order asked", () => {
    const result = checkAnswers(questions, { multi: ["a"] });
    assert.deepEqual(result, { ok: false, kind: "unanswered", questionIds: ["single", "tf"] });
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { describeLessonChanges, sectionsOf } from "~/learn/changes";

const before = {
  title: "Getting it wrong",
  objectives: ["Say sorry.", "Correct it in the open."],
  body: "Intro text.\n\n## Worked example: the school date\n\nOld example.\n\n## What would you do?\n\nA question.\n",
};

describe("sectionsOf", () => {
  test("splits a body by its level-two headings, with the introduction first", () => {
    assert.deepEqual(
      [...sectionsOf(before.body).keys()],
      ["Introduction", "Worked example: the school date", "What would you do?"],
    );
  });
});

describe("describeLessonChanges", () => {
  test("nothing changed: nothing to say", () => {
    assert.deepEqual(describeLessonChanges(before, before), []);
  });

  test("names a new title, objectives added and removed, and each changed section", () => {
    const after = {
      title: "Getting it wrong, and putting it right",
      objectives: ["Say sorry.", "Pin the correction."],
      body: before.body
        .replace("Old example.", "New example.")
        .concat("\n## Further reading\n\nMore.\n"),
    };
    assert.deepEqual(describeLessonChanges(before, after), [
      "The title is now “Getting it wrong, and putting it right” (it was “Getting it wrong”).",
      "New objective: Pin the correction.",
      "Objective removed: Correct it in the open.",
      "Section changed: Worked example: the school date",
      "New section: Further reading",
    ]);
  });

  test("a removed section is named", () => {
    const after = { ...before, body: "Intro text.\n\n## What would you do?\n\nA question.\n" };
    assert.deepEqual(describeLessonChanges(before, after), [
      "Section removed: Worked example: the school date",
    ]);
  });

  test("rewrapped lines are not a change of words", () => {
    const after = { ...before, body: before.body.replace("Old example.", "Old\nexample.") };
    assert.deepEqual(describeLessonChanges(before, after), [
      "Only the layout changed; the words are the same.",
    ]);
  });
});

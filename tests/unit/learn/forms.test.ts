import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { answerField, readAttemptForm } from "~/learn/forms";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

describe("readAttemptForm", () => {
  test("gathers repeated checkbox fields and ignores fields that are not answers", () => {
    const result = readAttemptForm(
      form([
        ["intent", "submit"],
        [answerField("same-standards"), "b"],
        [answerField("what-to-escalate"), "a"],
        [answerField("what-to-escalate"), "c"],
        ["other", "x"],
      ]),
    );
    assert.ok(result.ok);
    assert.deepEqual(result.data.answers, {
      "same-standards": ["b"],
      "what-to-escalate": ["a", "c"],
    });
  });

  test("refuses a form without the submit intent", () => {
    const result = readAttemptForm(form([[answerField("a"), "b"]]));
    assert.equal(result.ok, false);
  });

  test("refuses a question id that could not be one", () => {
    const result = readAttemptForm(
      form([
        ["intent", "submit"],
        ["q-../../etc", "a"],
      ]),
    );
    assert.ok(!result.ok);
    assert.match(result.message, /"..\/..\/etc" does not name a question/);
  });

  test("refuses an overlong option id", () => {
    const result = readAttemptForm(
      form([
        ["intent", "submit"],
        [answerField("a"), "x".repeat(40)],
      ]),
    );
    assert.equal(result.ok, false);
  });
});

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { parse } from "yaml";
import { parseDuration, parseScenario, parseScenarioYaml } from "../../../simulator";
import { LIBRARY } from "./helpers";

const binsText = readFileSync(join(LIBRARY, "bin-collection-abuse.yaml"), "utf8");

function errorsOf(text: string, knownLessonIds?: string[]) {
  const result = parseScenarioYaml(text, knownLessonIds ? { knownLessonIds } : {});
  assert.equal(result.ok, false, "expected the scenario to be rejected");
  return result.ok ? [] : result.errors;
}

describe("durations", () => {
  const cases: Array<[string | number, number | null]> = [
    ["20s", 20_000],
    ["3m", 180_000],
    ["1h", 3_600_000],
    ["1m30s", 90_000],
    ["-2h", -7_200_000],
    [90, 90_000],
    ["45", 45_000],
    ["2.5", 2_500],
    ["soon", null],
    ["", null],
    ["3 minutes", null],
    ["-", null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input)} is ${expected === null ? "rejected" : `${expected} ms`}`, () => {
      assert.equal(parseDuration(input), expected);
    });
  }
});

describe("scenario documents", () => {
  test("the example parses, with defaults filled in and texts as lists of alternatives", () => {
    const result = parseScenarioYaml(binsText);
    assert.ok(result.ok);
    const { scenario } = result;
    assert.equal(scenario.duration, 480_000);
    assert.equal(scenario.feed[0]?.at, -3_600_000);
    assert.equal(scenario.feed[0]?.pinned, false);
    assert.equal(scenario.rubric.items[0]?.judged, "auto");
    const inject = scenario.beats[0]?.injects[0];
    assert.equal(inject?.content.kind, "comment");
    assert.equal(inject?.content.kind === "comment" && inject.content.text.length, 2);
    assert.deepEqual(scenario.beats[0]?.reactions[0]?.when.found, []);
  });

  test("the same document as JSON gives the same scenario", () => {
    const fromYaml = parseScenarioYaml(binsText);
    const fromJson = parseScenario(JSON.parse(JSON.stringify(parse(binsText))));
    assert.ok(fromYaml.ok && fromJson.ok);
    assert.deepEqual(fromJson.scenario, fromYaml.scenario);
  });

  test("an unknown key is an error at that key's line and column", () => {
    const text = binsText.replace("    kind: troll\n", "    kind: troll\n    colour: red\n");
    const [error, ...rest] = errorsOf(text);
    assert.equal(rest.length, 0);
    assert.equal(error?.path, "personas[0].colour");
    assert.equal(error?.message, 'unknown key "colour"');
    const line = text.split("\n").findIndex((l) => l.includes("colour: red")) + 1;
    assert.equal(error?.line, line);
    assert.equal(error?.column, 5);
  });

  test("a missing required field is named", () => {
    const errors = errorsOf(binsText.replace("level: core\n", ""));
    assert.deepEqual(
      errors.map((e) => [e.path, e.message]),
      [["level", '"level" is required']],
    );
  });

  test("wrong values say what is expected", () => {
    const errors = errorsOf(binsText.replace("level: core", "level: expert"));
    assert.equal(errors[0]?.message, 'expected "core" or "advanced"');
    const duration = errorsOf(binsText.replace("duration: 8m", "duration: 8 minutes"));
    assert.match(duration[0]?.message ?? "", /is not a duration/);
  });

  test("an inject needs exactly one kind of content", () => {
    const text = binsText.replace(
      "      - after: 40s\n        wave:",
      "      - after: 40s\n        message: { by: resident-carol, text: Hello }\n        wave:",
    );
    const [error] = errorsOf(text);
    assert.match(error?.message ?? "", /exactly one of: post, comment, mention, message, wave/);
    assert.equal(error?.path, "beats[1].injects[1]");
  });

  const references: Array<[string, string, string, string]> = [
    ["a persona", "by: troll-gaz", "by: troll-gary", 'unknown persona "troll-gary"'],
    ["a feed item", "target: gaz-abuse }", "target: gaz-abus }", 'unknown feed item "gaz-abus"'],
    ["a beat", "goto: carol-helped", "goto: carol-help", 'unknown beat or outcome "carol-help"'],
    ["an outcome", "timeUp: resolved", "timeUp: resolve", 'unknown outcome "resolve"'],
    [
      "a rubric item",
      "- item: house-rules",
      "- item: house-rule",
      'unknown rubric item "house-rule"',
    ],
    ["a start beat", "start: abuse-arrives", "start: abuse", 'unknown beat "abuse"'],
  ];
  for (const [what, from, to, message] of references) {
    test(`a reference to ${what} that does not exist is an error with its line`, () => {
      const text = binsText.replace(from, to);
      const errors = errorsOf(text);
      const error = errors.find((e) => e.message === message);
      assert.ok(error, `got ${JSON.stringify(errors)}`);
      const line = text.split("\n").findIndex((l) => l.includes(to)) + 1;
      assert.equal(error.line, line);
    });
  }

  test("duplicate ids are errors", () => {
    const errors = errorsOf(binsText.replace("id: tom-dismayed", "id: tom-thanks"));
    assert.ok(errors.some((e) => e.message === 'duplicate feed item id "tom-thanks"'));
  });

  test("conditions must make sense for the action", () => {
    const text = binsText.replace(
      "when: { action: hide, target: gaz-abuse }",
      "when: { action: hide, target: gaz-abuse, found: [apology], team: legal }",
    );
    const messages = errorsOf(text).map((e) => e.message);
    assert.ok(messages.includes('a team only applies to "escalate"'));
    assert.ok(messages.some((m) => m.startsWith('"hide" has no text to analyse')));
  });

  test("hiding the account's own post, or injects after a timeout, are errors", () => {
    const hideOwn = binsText.replace(
      "when: { action: hide, target: gaz-abuse }",
      "when: { action: hide, target: bins-post }",
    );
    assert.ok(errorsOf(hideOwn).some((e) => e.message.includes("only other people's comments")));
    const late = binsText.replace(
      "      - after: 40s\n        wave:",
      "      - after: 3m\n        wave:",
    );
    assert.ok(errorsOf(late).some((e) => e.message.includes("after the beat has timed out")));
  });

  test("lesson ids are checked against the course when it is given", () => {
    const known = [
      "staff-social-media/criticism-or-abuse",
      "staff-social-media/explaining-why",
      "staff-social-media/data-protection",
      "staff-social-media/escalation",
    ];
    const errors = errorsOf(binsText, known);
    assert.ok(errors.every((e) => e.message === 'unknown lesson "staff-social-media/listening"'));
    assert.ok(errors.length >= 2);
    assert.ok(
      parseScenarioYaml(binsText, { knownLessonIds: [...known, "staff-social-media/listening"] })
        .ok,
    );
  });

  test("a YAML syntax error gives its line", () => {
    const [error] = errorsOf("id: x\ntitle: [unclosed\nsummary: y\n");
    assert.match(error?.message ?? "", /^YAML syntax error/);
    assert.ok((error?.line ?? 0) >= 2);
  });

  describe("the account's published contacts", () => {
    const withContacts = (...lines: string[]) =>
      binsText.replace(
        '  handle: "@AnyshireDC"\n',
        `  handle: "@AnyshireDC"\n  contacts:\n${lines.map((line) => `    - ${line}\n`).join("")}`,
      );

    test("are optional, and kept as written", () => {
      const without = parseScenarioYaml(binsText);
      assert.ok(without.ok);
      assert.deepEqual(without.scenario.account.contacts, []);
      const declared = parseScenarioYaml(
        withContacts("0300 123 4567", '"+441632960000"', "bins@anyshire.example"),
      );
      assert.ok(declared.ok, JSON.stringify(declared));
      assert.deepEqual(declared.scenario.account.contacts, [
        "0300 123 4567",
        "+441632960000",
        "bins@anyshire.example",
      ]);
    });

    const malformed: Array<[what: string, entry: string, message: RegExp]> = [
      [
        "a web address",
        "anyshire.gov.uk/contact",
        /"anyshire.gov.uk\/contact" is not a full UK phone number or an e-mail address/,
      ],
      [
        "two contacts in one entry",
        "01632 960000 or bins@anyshire.example",
        /list each contact on its own/,
      ],
      ["a short number", '"999"', /"999" is not a full UK phone number/],
      ["a number YAML reads as a number", "01632960000", /put a number in quotes/],
    ];
    for (const [what, entry, message] of malformed) {
      test(`${what} is an error at the entry's line and column`, () => {
        const text = withContacts("01632 960000", entry);
        const [error, ...rest] = errorsOf(text);
        assert.equal(rest.length, 0, JSON.stringify(rest));
        assert.equal(error?.path, "account.contacts[1]");
        assert.match(error?.message ?? "", message);
        assert.equal(error?.line, text.split("\n").indexOf(`    - ${entry}`) + 1);
        assert.equal(error?.column, 7);
      });
    }
  });

  test("the pass mark cannot exceed the points available", () => {
    const errors = errorsOf(binsText.replace("passMark: 6", "passMark: 60"));
    assert.match(errors[0]?.message ?? "", /more than the 11 points available/);
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { diagramOf, marksFrom } from "../../../app/authoring/diagram";
import { diffSources, hunksOf } from "../../../app/authoring/diff";
import {
  MAX_SOURCE_BYTES,
  sizeError,
  titleOf,
  validateSource,
} from "../../../app/authoring/source";
import { plainStep } from "../../../app/authoring/steps";
import { scenarioTemplate } from "../../../app/authoring/template";
import { checkScenario, parseScenarioYaml } from "../../../simulator";

const template = scenarioTemplate("my-scenario", "My scenario");
const knownLessonIds = new Set(["staff-social-media/criticism-or-abuse"]);
const validate = (text: string) =>
  validateSource(text, { scenarioId: "my-scenario", knownLessonIds });

describe("the template", () => {
  test("is valid and passes every property of the model check", () => {
    const parsed = validate(template);
    assert.ok(parsed.ok, JSON.stringify(parsed));
    const report = checkScenario(parsed.scenario);
    assert.deepEqual(report.failures, []);
  });

  test("keeps a title with quotes and colons as written", () => {
    const parsed = validateSource(scenarioTemplate("x", 'Bins: the "late" week'), {});
    assert.equal(parsed.ok && parsed.scenario.title, 'Bins: the "late" week');
  });
});

describe("malformed documents each get their precise error", () => {
  const cases: Array<{
    name: string;
    text: string;
    path: string;
    line: number;
    column: number;
    message: RegExp;
  }> = [
    {
      name: "an unclosed quote",
      text: template.replace('handle: "@AnyshireDC"', 'handle: "@AnyshireDC'),
      path: "(yaml)",
      line: 10,
      column: 23,
      message: /YAML syntax error: Missing closing "quote/,
    },
    {
      name: "a key written twice",
      text: template.replace("level: core", "level: core\ntitle: Again"),
      path: "(yaml)",
      line: 7,
      column: 1,
      message: /Map keys must be unique/,
    },
    {
      name: "a tab used to indent",
      text: template.replace("  name: Anyshire", "\tname: Anyshire"),
      path: "(yaml)",
      line: 9,
      column: 1,
      message: /Tabs are not allowed as indentation/,
    },
    {
      name: "a misspelt key",
      text: template.replace("level: core", "levle: core"),
      path: "levle",
      line: 6,
      column: 1,
      message: /unknown key "levle"/,
    },
    {
      name: "a duration in words",
      text: template.replace("duration: 5m", "duration: soon"),
      path: "duration",
      line: 7,
      column: 1,
      message: /"soon" is not a duration/,
    },
    {
      name: "a missing summary",
      text: template.replace(/^summary:.*\n/m, ""),
      path: "summary",
      line: 3,
      column: 1,
      message: /"summary" is required/,
    },
    {
      name: "a goto to a beat that does not exist",
      text: template.replace("goto: left-up", "goto: left-upp"),
      path: "beats[0].timeout.goto",
      line: 46,
      column: 7,
      message: /unknown beat or outcome "left-upp"/,
    },
    {
      name: "a lesson nobody wrote",
      text: template.replace(
        "lesson: staff-social-media/criticism-or-abuse\npersonas",
        "lesson: staff-social-media/no-such-lesson\npersonas",
      ),
      path: "objectives[0].lesson",
      line: 13,
      column: 5,
      message: /unknown lesson "staff-social-media\/no-such-lesson"/,
    },
    {
      name: "a level the language does not have",
      text: template.replace("level: core", "level: expert"),
      path: "level",
      line: 6,
      column: 1,
      message: /expected "core" or "advanced"/,
    },
    {
      name: "a pass mark in words",
      text: template.replace("passMark: 2", "passMark: two"),
      path: "rubric.passMark",
      line: 62,
      column: 3,
      message: /expected number, received string/,
    },
    {
      name: "another scenario's id",
      text: template.replace("id: my-scenario", "id: other-scenario"),
      path: "id",
      line: 3,
      column: 1,
      message: /The id must stay "my-scenario"/,
    },
    {
      name: "a text over the size limit",
      text: `${template}#${"x".repeat(MAX_SOURCE_BYTES)}`,
      path: "(document)",
      line: 68,
      column: 1,
      message:
        /202\.1 KB \(206,973 bytes\); the limit is 200 KB \(204,800 bytes\), which it passes on line 68\. Remove at least 2,173 bytes/,
    },
    {
      name: "an empty text",
      text: "  \n",
      path: "(document)",
      line: 1,
      column: 1,
      message: /The scenario is empty/,
    },
  ];

  for (const expected of cases) {
    test(expected.name, () => {
      const result = validate(expected.text);
      assert.equal(result.ok, false);
      const errors = result.ok ? [] : result.errors;
      const found = errors.find((error) => error.path === expected.path);
      assert.ok(found, `an error at ${expected.path} in ${JSON.stringify(errors)}`);
      assert.equal(found.line, expected.line);
      assert.equal(found.column, expected.column);
      assert.match(found.message, expected.message);
    });
  }

  test("errors come in the order of their lines", () => {
    const result = validate(
      template.replace("level: core", "levle: core").replace("duration: 5m", "duration: soon"),
    );
    const lines = result.ok ? [] : result.errors.map((error) => error.line ?? 0);
    assert.deepEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });

  test("a text at exactly the limit is not refused for its size", () => {
    assert.equal(sizeError("x".repeat(MAX_SOURCE_BYTES)), null);
    assert.ok(sizeError("é".repeat(MAX_SOURCE_BYTES / 2 + 1)), "bytes are counted, not characters");
  });
});

describe("titles of drafts", () => {
  test("come from the title line even when the rest is broken", () => {
    assert.equal(titleOf('id: x\ntitle: "Bins: late"\nduration: [\n'), "Bins: late");
    assert.equal(titleOf("id: x\n"), null);
  });
});

describe("the diagram", () => {
  const parsed = parseScenarioYaml(template);
  if (!parsed.ok) throw new Error("template must parse");
  test("draws every beat and outcome, joined by reactions and timeouts", () => {
    const diagram = diagramOf(parsed.scenario);
    assert.deepEqual(
      diagram.nodes.map((node) => [node.id, node.kind, node.start]),
      [
        ["abuse-arrives", "beat", true],
        ["handled", "outcome", false],
        ["fed-the-troll", "outcome", false],
        ["left-up", "outcome", false],
      ],
    );
    assert.deepEqual(
      diagram.edges.map((edge) => [edge.from, edge.to, edge.kind, edge.label]),
      [
        ["abuse-arrives", "handled", "reaction", "hide gaz-abuse"],
        ["abuse-arrives", "fed-the-troll", "reaction", "reply gaz-abuse with hostile"],
        ["abuse-arrives", "left-up", "timeout", "after 2:00"],
      ],
    );
    for (const node of diagram.nodes) {
      assert.ok(
        node.x > 0 && node.y > 0 && node.x < diagram.width && node.y < diagram.height,
        `${node.id} laid out inside`,
      );
    }
    const handled = diagram.nodes.find((node) => node.id === "handled");
    const start = diagram.nodes.find((node) => node.id === "abuse-arrives");
    assert.ok((handled?.y ?? 0) > (start?.y ?? 0), "outcomes below the beat that leads to them");
  });

  test("marks beats the checker found unreachable or dead-ended", () => {
    const marks = marksFrom([
      { property: "reachable", message: 'Beat "abuse-arrives" can never be reached.', path: [] },
      { property: "no-dead-end", message: 'Beat "abuse-arrives" is a dead end: ...', path: [] },
      { property: "passing-path", message: "No run passes", path: [] },
    ]);
    const diagram = diagramOf(parsed.scenario, marks);
    assert.deepEqual(diagram.nodes.find((node) => node.id === "abuse-arrives")?.marks, [
      "unreachable",
      "dead-end",
    ]);
    assert.deepEqual(diagram.nodes.find((node) => node.id === "handled")?.marks, []);
  });
});

describe("diffs between versions", () => {
  test("number each line in the old and new text and fold what did not change", () => {
    const older = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].join("\n");
    const newer = older.replace("e", "E").concat("\nk");
    const diff = diffSources(older, newer);
    assert.equal(diff.added, 2);
    assert.equal(diff.removed, 1);
    assert.deepEqual(
      diff.lines
        .filter((line) => line.kind !== "same")
        .map((line) => [line.kind, line.oldNumber, line.newNumber, line.text]),
      [
        ["removed", 5, null, "e"],
        ["added", null, 5, "E"],
        ["added", null, 11, "k"],
      ],
    );
    const hunks = hunksOf(diff);
    assert.deepEqual(hunks[0], { kind: "folded", count: 1 });
  });
});

describe("counter-example steps in words", () => {
  test("say what to do and when", () => {
    assert.deepEqual(plainStep({ at: 10_000, kind: "time", note: "gaz-abuse appears" }), {
      clock: "0:10",
      at: 10_000,
      kind: "time",
      text: "Gaz-abuse appears.",
    });
    assert.equal(
      plainStep({
        at: 10_000,
        kind: "action",
        action: { type: "reply", at: 10_000, target: "gaz-abuse", text: "Shut up." },
      }).text,
      "Reply to gaz-abuse: “Shut up.”.",
    );
    assert.equal(
      plainStep({
        at: 0,
        kind: "action",
        action: { type: "escalate", at: 0, target: "post", team: "press-office", note: "" },
      }).text,
      "Escalate post to the press office.",
    );
  });
});

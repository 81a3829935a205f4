import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, test } from "node:test";
import { analyseText, checkScenario, checkSource, type FindingKind } from "../../../simulator";
import { EMAIL, PHONE } from "../../../simulator/analysis/contacts";
import { REPRESENTATIVE_TEXTS } from "../../../simulator/checker/alphabet";
import { bins, FIXTURES, LIBRARY } from "./helpers";

const fixture = (name: string) => checkSource(readFileSync(join(FIXTURES, name), "utf8"), name);

describe("the model checker", () => {
  for (const name of ["bin-collection-abuse.yaml", "gritters-compliment.yaml"]) {
    test(`the example ${name} passes every property`, () => {
      const report = checkSource(readFileSync(join(LIBRARY, name), "utf8"), name);
      assert.deepEqual(report.failures, []);
      assert.deepEqual(report.errors, []);
      assert.ok(report.ok);
      assert.ok(report.states > 10);
    });
  }

  const broken: Array<[string, string, RegExp, boolean]> = [
    ["dead-end.yaml", "no-dead-end", /Beat "stuck" is a dead end/, true],
    ["unreachable-beat.yaml", "reachable", /Beat "orphan" can never be reached/, false],
    [
      "no-passing-path.yaml",
      "passing-path",
      /No run passes: the best run to a passed outcome scores 0, below the pass mark of 1/,
      true,
    ],
    ["no-ending.yaml", "ends-in-time", /in beat "feeding", which has no timeUp/, true],
    ["always-passes.yaml", "failing-path", /Every run passes/, true],
  ];
  for (const [name, property, message, hasPath] of broken) {
    test(`rejects ${name} for ${property}, with a counter-example`, () => {
      const report = fixture(name);
      assert.equal(report.ok, false);
      const failure = report.failures.find((f) => f.property === property);
      assert.ok(failure, JSON.stringify(report.failures));
      assert.match(failure.message, message);
      assert.equal(failure.path.length > 0, hasPath);
      assert.deepEqual(
        report.failures.map((f) => f.property),
        [property],
      );
    });
  }

  test("the dead-end counter-example is a run that gets there", () => {
    const failure = fixture("dead-end.yaml").failures[0];
    assert.deepEqual(
      failure?.path.map((step) => [step.at, step.kind]),
      [
        [5000, "time"],
        [5000, "action"],
      ],
    );
    const action = failure?.path[1];
    assert.equal(action?.kind === "action" && action.action.type, "reply");
  });

  const schema: Array<[string, RegExp, number]> = [
    ["bad-reference.yaml", /unknown feed item "no-such-comment"/, 21],
    ["unknown-key.yaml", /unknown key "colour"/, 15],
    ["yaml-syntax-error.yaml", /YAML syntax error/, 3],
  ];
  for (const [name, message, line] of schema) {
    test(`rejects ${name} with the message and the line`, () => {
      const report = fixture(name);
      assert.equal(report.ok, false);
      assert.match(report.errors[0]?.message ?? "", message);
      assert.equal(report.errors[0]?.line, line);
    });
  }

  test("a scenario too big to explore is reported, not hung on", () => {
    const report = checkScenario(bins(), { limit: 50 });
    assert.deepEqual(
      report.failures.map((f) => f.property),
      ["explored"],
    );
  });

  test("each representative text falls in exactly its own analysis class", () => {
    for (const [kind, text] of Object.entries(REPRESENTATIVE_TEXTS)) {
      const kinds = new Set(analyseText(text).map((finding) => finding.kind));
      assert.deepEqual([...kinds], kind === "neutral" ? [] : [kind as FindingKind], text);
    }
  });

  test("no representative text holds a phone number or e-mail address a scenario could declare as its own", () => {
    for (const text of Object.values(REPRESENTATIVE_TEXTS)) {
      assert.deepEqual([...text.matchAll(PHONE), ...text.matchAll(EMAIL)], [], text);
    }
  });

  test("the command exits non-zero on a broken scenario and prints JSON with --json", () => {
    const run = (args: string[]) => {
      try {
        return {
          code: 0,
          out: execFileSync("npx", ["tsx", "simulator/cli/check.ts", ...args], {
            encoding: "utf8",
            stdio: "pipe",
          }),
        };
      } catch (error) {
        const failed = error as { status: number; stdout: string };
        return { code: failed.status, out: failed.stdout };
      }
    };
    const broken = run(["--json", join(FIXTURES, "dead-end.yaml")]);
    assert.equal(broken.code, 1);
    const parsed = JSON.parse(broken.out) as {
      ok: boolean;
      reports: Array<{ failures: Array<{ property: string }> }>;
    };
    assert.equal(parsed.ok, false);
    assert.equal(parsed.reports[0]?.failures[0]?.property, "no-dead-end");
    const fine = run([join(LIBRARY, "gritters-compliment.yaml")]);
    assert.equal(fine.code, 0);
    assert.match(fine.out, /^ok {3}.*gritters-compliment/m);
  });
});

// The content check for the scenario library and the programmes: every scenario is valid, links
// to lessons that exist and passes the model checker; every programme reference resolves; and no
// scenario, lesson or programme text holds contact details that could reach a real person.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { formatProblem } from "~/content/problems";
import { inspectCourses, inspectProgrammes, type ProgrammeReferences } from "~/content/read.server";
import { programmeSchema } from "~/content/schema";
import type { Programme } from "~/content/types";
import { checkScenario, describeStep, parseScenarioYaml, type Scenario } from "../../../simulator";
import { EMAIL, isFullNumber, PHONE, phoneDigits } from "../../../simulator/analysis/contacts";

const SCENARIOS = "courses/scenarios";
const PROGRAMMES = "courses/programmes";

const { courses, problems: courseProblems } = inspectCourses("courses");
const lessons = courses.flatMap((course) => course.lessons);
const knownLessonIds = new Set(lessons.map((lesson) => lesson.id));

const scenarioFiles = readdirSync(SCENARIOS)
  .filter((name) => name.endsWith(".yaml"))
  .sort();
const sources = scenarioFiles.map((name) => {
  const path = join(SCENARIOS, name);
  return { name, path, text: readFileSync(path, "utf8") };
});
const parsed = sources.map((source) => ({
  ...source,
  result: parseScenarioYaml(source.text, { knownLessonIds }),
}));
const scenarios: Scenario[] = parsed.flatMap(({ result }) => (result.ok ? [result.scenario] : []));

const references: ProgrammeReferences = { courses, scenarios };
const { programmes, problems: programmeProblems } = inspectProgrammes(PROGRAMMES, references);
const programme = (id: string): Programme => {
  const found = programmes.find((candidate) => candidate.id === id);
  assert.ok(found, `missing programme ${id}`);
  return found;
};

describe("the scenario library", () => {
  test("the courses it links to are valid", () => {
    assert.deepEqual(courseProblems.map(formatProblem), []);
  });

  for (const { path, result } of parsed) {
    test(`${path} is valid and every lesson it names exists`, () => {
      const errors = result.ok
        ? []
        : result.errors.map(
            (error) =>
              `${path}:${error.line ?? "?"}:${error.column ?? "?"} ${error.path}: ${error.message}`,
          );
      assert.deepEqual(errors, []);
    });
  }

  test("each scenario's id matches its file name, once", () => {
    for (const { name, result } of parsed) {
      if (result.ok) assert.equal(`${result.scenario.id}.yaml`, name);
    }
    const ids = scenarios.map((scenario) => scenario.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  // Fails until every scenario in issue 4 has been written.
  test("there are at least 12 scenarios, at least 4 of them advanced", () => {
    const advanced = scenarios.filter((scenario) => scenario.level === "advanced");
    assert.ok(
      scenarios.length >= 12,
      `only ${scenarios.length} valid scenarios: ${scenarios.map((s) => s.id).join(", ")}`,
    );
    assert.ok(advanced.length >= 4, `only ${advanced.length} advanced scenarios`);
  });

  test("every advanced scenario has exactly one rubric item a trainer judges", () => {
    for (const scenario of scenarios.filter((candidate) => candidate.level === "advanced")) {
      const judged = scenario.rubric.items.filter((item) => item.judged === "trainer");
      assert.equal(judged.length, 1, `${scenario.id} has ${judged.length} trainer-judged items`);
    }
  });

  for (const scenario of scenarios) {
    test(`${scenario.id} passes the model checker`, () => {
      const report = checkScenario(scenario);
      const failures = report.failures.map(
        (failure) =>
          `${failure.property}: ${failure.message}${failure.path.map((step) => `\n    ${describeStep(step)}`).join("")}`,
      );
      assert.deepEqual(failures, []);
      assert.ok(report.ok);
    });
  }
});

describe("programmes", () => {
  test("every programme file is valid and every reference resolves", () => {
    assert.deepEqual(programmeProblems.map(formatProblem), []);
  });

  test("both programmes exist with their agreed titles", () => {
    const titles = Object.fromEntries(programmes.map((p) => [p.id, p.title]));
    assert.deepEqual(titles, {
      "accredited-council-account": "Accredited council account",
      "staff-social-media-access": "Staff social media access",
    });
  });

  test("certificates last 12 months and the renewal window opens 60 days before expiry", () => {
    for (const p of programmes) {
      assert.equal(p.validity.months, 12, p.id);
      assert.equal(p.renewal.windowDays, 60, p.id);
      assert.ok(
        p.renewal.requirements.length < p.requirements.length,
        `${p.id}: renewal should need less than the first award`,
      );
    }
  });

  test("staff access needs the staff course, its quiz and four core scenarios, assessed", () => {
    const { requirements } = programme("staff-social-media-access");
    assert.deepEqual(
      requirements
        .filter((r) => r.type === "lessons" || r.type === "quiz")
        .map((r) => [r.type, "course" in r ? r.course : ""]),
      [
        ["lessons", "staff-social-media"],
        ["quiz", "staff-social-media"],
      ],
    );
    const named = requirements.flatMap((r) => (r.type === "scenario" ? [r.scenario] : []));
    assert.deepEqual(named, [
      "bin-collection-abuse",
      "school-closure-wrong-date",
      "neighbour-address-exposed",
      "safeguarding-disclosure",
    ]);
    for (const id of named) {
      assert.equal(scenarios.find((s) => s.id === id)?.level, "core", `${id} should be core`);
    }
  });

  test("the accredited account builds on staff access and signs off every trainer-judged reply", () => {
    const { requirements } = programme("accredited-council-account");
    assert.ok(
      requirements.some(
        (r) => r.type === "programme" && r.programme === "staff-social-media-access",
      ),
    );
    assert.ok(requirements.some((r) => r.type === "lessons" && r.course === "accredited-account"));
    assert.ok(requirements.some((r) => r.type === "quiz" && r.course === "accredited-account"));
    const named = requirements.flatMap((r) => (r.type === "scenario" ? [r.scenario] : []));
    assert.deepEqual(named, [
      "flooding-misinformation",
      "pre-election-councillor",
      "impostor-account",
    ]);
    for (const id of named) {
      const scenario = scenarios.find((s) => s.id === id);
      assert.equal(scenario?.level, "advanced", `${id} should be advanced`);
      const judged = scenario?.rubric.items.filter((item) => item.judged === "trainer") ?? [];
      for (const item of judged) {
        assert.ok(
          requirements.some(
            (r) => r.type === "trainer-sign-off" && r.scenario === id && r.rubricItem === item.id,
          ),
          `no trainer sign-off for ${id} rubric item ${item.id}`,
        );
      }
    }
  });

  test("every rubric item a programme names exists and is judged by a trainer", () => {
    for (const p of programmes) {
      for (const r of [...p.requirements, ...p.renewal.requirements]) {
        if (r.type !== "trainer-sign-off") continue;
        const item = scenarios
          .find((s) => s.id === r.scenario)
          ?.rubric.items.find((i) => i.id === r.rubricItem);
        assert.equal(item?.judged, "trainer", `${p.id}: ${r.scenario}/${r.rubricItem}`);
      }
    }
  });
});

describe("the programme reader", () => {
  const dirs: string[] = [];
  after(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });
  const inspect = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), "programmes-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return inspectProgrammes(dir, references).problems.map((problem) => problem.message);
  };
  const base = (id: string, requirements: string) => `id: ${id}
title: Test
summary: A test programme.
validity: { months: 12 }
requirements:
${requirements}
renewal:
  windowDays: 60
  requirements:
    - { id: quiz, type: quiz, course: staff-social-media }
`;

  test("a misspelt key is reported with its line", () => {
    const dir = mkdtempSync(join(tmpdir(), "programmes-"));
    dirs.push(dir);
    writeFileSync(
      join(dir, "x.yaml"),
      base("x", "  - { id: quiz, type: quiz, cours: staff-social-media }"),
    );
    const [problem] = inspectProgrammes(dir).problems;
    assert.match(problem?.message ?? "", /cours/);
    assert.equal(problem?.line, 6);
  });

  test("unknown courses, scenarios and programmes are reported", () => {
    const messages = inspect({
      "x.yaml": base(
        "x",
        [
          "  - { id: a, type: lessons, course: no-such-course }",
          "  - { id: b, type: scenario, scenario: no-such-scenario, mode: assessed }",
          "  - { id: c, type: programme, programme: no-such-programme }",
        ].join("\n"),
      ),
    });
    assert.equal(messages.length, 3, messages.join("\n"));
  });

  test("a sign-off needs a trainer-judged rubric item and its scenario in the same list", () => {
    const auto = inspect({
      "x.yaml": base(
        "x",
        [
          "  - { id: a, type: scenario, scenario: impostor-account, mode: assessed }",
          "  - { id: b, type: trainer-sign-off, scenario: impostor-account, rubricItem: report }",
        ].join("\n"),
      ),
    });
    assert.ok(
      auto.some((m) => /judged automatically/.test(m)),
      auto.join("\n"),
    );
    const alone = inspect({
      "y.yaml": base(
        "y",
        "  - { id: b, type: trainer-sign-off, scenario: impostor-account, rubricItem: warn-quality }",
      ),
    });
    assert.ok(
      alone.some((m) => /needs a scenario requirement/.test(m)),
      alone.join("\n"),
    );
  });

  test("programmes that require each other in a circle are reported", () => {
    const messages = inspect({
      "a.yaml": base("a", "  - { id: b, type: programme, programme: b }"),
      "b.yaml": base("b", "  - { id: a, type: programme, programme: a }"),
    });
    assert.ok(
      messages.some((m) => /circle/.test(m)),
      messages.join("\n"),
    );
  });

  test("reminders must fall inside the renewal window, largest first", () => {
    const result = programmeSchema.safeParse({
      id: "x",
      title: "X",
      summary: "X",
      validity: { months: 12 },
      requirements: [{ id: "q", type: "quiz", course: "c" }],
      renewal: {
        windowDays: 30,
        remindDaysBefore: [7, 60],
        requirements: [{ id: "q", type: "quiz", course: "c" }],
      },
    });
    assert.equal(result.success, false);
    assert.equal(result.error?.issues.length, 2);
  });
});

// Phone numbers Ofcom keeps for drama, and domains kept for examples: nothing else may appear.
const DRAMA_NUMBER =
  /^(?:01632960|0207946|0113496|0114496|0115496|0116496|0117496|0118496|0121496|0131496|0141496|0151496|0161496|0292018|07700900|08081570|09098790|03069990)/;
const EXAMPLE_DOMAIN =
  /(?:^|\.)(?:example\.(?:org|com|net)|[a-z0-9-]+\.(?:test|example|invalid))$/i;

function realContactDetails(text: string): string[] {
  // Every full number and address, not only those the reply analysis counts as personal data:
  // a real 0300 line or a real council address must not appear either.
  const phones = [...text.matchAll(PHONE)]
    .map((match) => match[0])
    .filter((number) => isFullNumber(phoneDigits(number)))
    .filter((number) => !DRAMA_NUMBER.test(phoneDigits(number)));
  const emails = [...text.matchAll(EMAIL)]
    .map((match) => match[0])
    .filter((email) => !EXAMPLE_DOMAIN.test(email.split("@")[1] ?? ""));
  return [...phones, ...emails];
}

/** Every string in a parsed YAML or JSON value. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

describe("no real contact details", () => {
  test("the check tells drama numbers and example domains from real ones", () => {
    assert.deepEqual(
      realContactDetails("Call 01632 960123 or 07700 900462, or email a@example.org"),
      [],
    );
    assert.deepEqual(realContactDetails("Ring 020 7123 4567 or write to jo@gmail.com"), [
      "020 7123 4567",
      "jo@gmail.com",
    ]);
    assert.deepEqual(
      realContactDetails("Call 0300 123 4567, +44 (0)3069 990210 or email press@anyshire.gov.uk"),
      ["0300 123 4567", "press@anyshire.gov.uk"],
    );
  });

  for (const { path, result } of parsed) {
    test(`${path} has none`, () => {
      const texts = result.ok ? strings(result.scenario) : [];
      assert.deepEqual(texts.flatMap(realContactDetails), []);
    });
  }

  test("no lesson has any", () => {
    for (const lesson of lessons) {
      const found = [lesson.title, ...lesson.objectives, lesson.body].flatMap(realContactDetails);
      assert.deepEqual(found, [], lesson.source.path);
    }
  });

  test("no programme has any", () => {
    for (const p of programmes) {
      assert.deepEqual(strings(p).flatMap(realContactDetails), [], p.source.path);
    }
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { replay, type TraineeAction } from "../../../simulator";
import { bins, gritters, s } from "./helpers";

const scenario = bins();
const good: TraineeAction[] = [
  { type: "hide", at: s(6), target: "gaz-abuse" },
  {
    type: "message",
    at: s(31),
    persona: "resident-carol",
    text: "Could you send us your address here?",
  },
  {
    type: "reply",
    at: s(40),
    target: "carol-missed",
    text: "Sorry about this. Report it online at anyshire.gov.uk/bins",
  },
];
const earned = (view: ReturnType<typeof replay>, item: string) =>
  view.score.items.find((line) => line.item === item)?.earned;

describe("scoring", () => {
  test("a good run earns each rubric item it touched, and passes", () => {
    const view = replay({ scenario, seed: "x", actions: good, at: s(480) });
    assert.equal(view.ending?.id, "resolved");
    assert.equal(view.status, "passed");
    assert.equal(earned(view, "house-rules"), 2);
    assert.equal(earned(view, "protect-data"), 2);
    assert.equal(earned(view, "explain-why"), 2);
    assert.equal(earned(view, "stay-calm"), 2);
    assert.equal(earned(view, "press-office"), 0);
    assert.equal(view.score.total, 8);
    assert.equal(view.score.max, 11);
  });

  test("points for an item never go above its points or below zero", () => {
    const view = replay({
      scenario,
      seed: "x",
      actions: [
        { type: "report", at: s(6), target: "gaz-abuse", reason: "abuse" },
        { type: "hide", at: s(7), target: "gaz-abuse" },
        { type: "reply", at: s(8), target: "gaz-abuse", text: "Grow up." },
      ],
      at: s(20),
    });
    assert.equal(earned(view, "house-rules"), 2);
    assert.equal(earned(view, "stay-calm"), 0);
  });

  test("a trainer-judged item stays pending until graded, and the grade counts", () => {
    const pending = replay({ scenario, seed: "x", actions: good, at: s(480) });
    assert.deepEqual(pending.score.pendingGrades, [
      { item: "tone", actionIndex: 2, text: good[2]?.type === "reply" ? good[2].text : "", max: 2 },
    ]);
    assert.equal(pending.score.items.find((line) => line.item === "tone")?.pending, 1);
    const graded = replay({
      scenario,
      seed: "x",
      actions: good,
      at: s(480),
      trainerGrades: [{ item: "tone", actionIndex: 2, points: 5 }],
    });
    assert.equal(earned(graded, "tone"), 2);
    assert.equal(graded.score.total, 10);
    assert.deepEqual(graded.score.pendingGrades, []);
  });

  test("a passed ending below the pass mark waits for the trainer when a grade could lift it", () => {
    const run = gritters();
    const actions: TraineeAction[] = [
      {
        type: "reply",
        at: s(10),
        target: "dev-thanks",
        text: "Thanks Dev, the crews will be pleased.",
      },
      {
        type: "reply",
        at: s(25),
        target: "jo-all-roads",
        text: "To correct our post: we grit priority routes, not all roads.",
      },
    ];
    const view = replay({ scenario: run, seed: "x", actions, at: s(420) });
    assert.equal(view.ending?.id, "well-handled");
    assert.equal(view.score.total, 4);
    assert.equal(view.status, "awaiting-trainer");
    const low = replay({
      scenario: run,
      seed: "x",
      actions,
      at: s(420),
      trainerGrades: [{ item: "tone", actionIndex: 1, points: 0 }],
    });
    assert.equal(low.status, "failed");
    const high = replay({
      scenario: run,
      seed: "x",
      actions,
      at: s(420),
      trainerGrades: [{ item: "tone", actionIndex: 1, points: 2 }],
    });
    assert.equal(high.status, "passed");
  });

  test("a failed ending fails whatever the score", () => {
    const view = replay({
      scenario,
      seed: "x",
      actions: [
        { type: "hide", at: s(6), target: "gaz-abuse" },
        {
          type: "reply",
          at: s(31),
          target: "carol-missed",
          text: "We'll send a crew to 14 Maple Close.",
        },
      ],
      at: s(480),
    });
    assert.equal(view.ending?.id, "data-breach");
    assert.equal(view.status, "failed");
  });
});

describe("debrief", () => {
  test("lists each decision with its feedback and the lesson that teaches it", () => {
    const view = replay({ scenario, seed: "x", actions: good, at: s(480) });
    assert.deepEqual(
      view.debrief.map((entry) => entry.summary),
      [
        "You hid Gaz's comment.",
        "You sent Carol Price a direct message.",
        "You replied to Carol Price's comment.",
      ],
    );
    const hide = view.debrief[0]?.notes[0];
    assert.equal(hide?.item, "house-rules");
    assert.equal(hide?.points, 2);
    assert.equal(hide?.lesson, "staff-social-media/criticism-or-abuse");
    assert.match(hide?.feedback ?? "", /house rules/);
    const tone = view.debrief[2]?.notes.find((note) => note.item === "tone");
    assert.equal(tone?.status, "pending-trainer");
    assert.equal(tone?.points, null);
  });

  test("lists what the trainee failed to do in time", () => {
    const view = replay({
      scenario,
      seed: "x",
      actions: [{ type: "hide", at: s(6), target: "gaz-abuse" }],
      at: s(480),
    });
    const missed = view.debrief.find((entry) => entry.kind === "missed");
    assert.equal(missed?.at, s(120));
    assert.equal(
      missed?.summary,
      "You did not answer Carol's missed collection within two minutes.",
    );
    assert.equal(missed?.notes[0]?.lesson, "staff-social-media/explaining-why");
  });

  test("an action no reaction covers is still listed, with its findings", () => {
    const view = replay({
      scenario,
      seed: "x",
      actions: [{ type: "post", at: s(2), text: "BINS ARE LATE, DEAL WITH IT" }],
      at: s(3),
    });
    const entry = view.debrief[0];
    assert.equal(entry?.summary, "You posted on the account.");
    assert.deepEqual(entry?.notes, []);
    assert.deepEqual([...new Set(entry?.findings.map((f) => f.kind))].sort(), [
      "hostile",
      "shouting",
    ]);
  });
});

import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, test } from "node:test";
import fc from "fast-check";
import { replay, type TraineeAction, validateAction } from "../../../simulator";
import { REPRESENTATIVE_TEXTS } from "../../../simulator/checker/alphabet";
import { RunPlayer } from "../../../simulator/engine/replay";
import { bins, gritters, LIBRARY, loadScenario, s } from "./helpers";

const scenario = bins();

describe("replay", () => {
  test("the run starts with the initial feed and the first inject due", () => {
    const view = replay({ scenario, seed: "a", actions: [], at: 0 });
    assert.equal(view.status, "running");
    assert.deepEqual(
      view.feed.map((item) => item.id),
      ["bins-post"],
    );
    assert.deepEqual(
      view.feed[0]?.replies.map((item) => item.id),
      ["tom-thanks"],
    );
    assert.equal(view.nextInjectAt, s(5));
    assert.equal(view.timeLeft, s(480));
    assert.deepEqual(view.meters, { mood: 60, reach: 1800 });
  });

  test("injects appear when due, and not before", () => {
    const before = replay({ scenario, seed: "a", actions: [], at: s(5) - 1 });
    const after = replay({ scenario, seed: "a", actions: [], at: s(5) });
    assert.equal(before.feed[0]?.replies.length, 1);
    assert.deepEqual(
      after.feed[0]?.replies.map((item) => item.id),
      ["tom-thanks", "gaz-abuse"],
    );
    assert.equal(after.nextInjectAt, s(30));
    assert.equal(after.notifications[0]?.text, "Gaz replied to your post");
    assert.equal(after.meters.mood, 55);
  });

  test("doing nothing lets the timeouts play out to a failed ending", () => {
    const view = replay({ scenario, seed: "a", actions: [], at: s(480) });
    assert.equal(view.ending?.id, "lost-control");
    assert.equal(view.ending?.at, s(240));
    assert.equal(view.status, "failed");
    assert.equal(view.timeLeft, 0);
    assert.equal(view.nextInjectAt, null);
    assert.deepEqual(
      view.debrief.filter((entry) => entry.kind === "missed").map((entry) => entry.at),
      [s(120), s(240)],
    );
  });

  test("the same input gives deep-equal output", () => {
    const actions: TraineeAction[] = [
      { type: "hide", at: s(6), target: "gaz-abuse" },
      {
        type: "reply",
        at: s(40),
        target: "carol-missed",
        text: "Report it online at anyshire.gov.uk/bins",
      },
    ];
    const input = { scenario, seed: "same", actions, at: s(300) };
    assert.deepEqual(replay(input), replay(input));
  });

  test("the seed picks wordings, and always the same one for the same seed", () => {
    const wording = (seed: string) =>
      replay({ scenario, seed, actions: [], at: s(6) }).feed[0]?.replies.find(
        (r) => r.id === "gaz-abuse",
      )?.text;
    const seen = new Set(Array.from({ length: 20 }, (_, i) => wording(`seed-${i}`)));
    assert.equal(seen.size, 2);
    assert.equal(wording("seed-3"), wording("seed-3"));
  });

  test("actions after the end change nothing", () => {
    const actions: TraineeAction[] = [];
    const ended = replay({ scenario, seed: "a", actions, at: s(480) });
    const late: TraineeAction[] = [
      { type: "post", at: s(300), text: "Too late." },
      { type: "hide", at: s(301), target: "gaz-abuse" },
    ];
    const withLate = replay({ scenario, seed: "a", actions: late, at: s(480) });
    assert.deepEqual({ ...withLate, rejected: [] }, ended);
    assert.deepEqual(
      withLate.rejected.map((r) => r.reason),
      ["The run has ended.", "The run has ended."],
    );
  });

  test("validating actions one at a time ends where replaying them all does", () => {
    const actions: TraineeAction[] = [
      { type: "hide", at: s(6), target: "gaz-abuse" },
      { type: "message", at: s(31), persona: "resident-carol", text: "Could you DM your address?" },
      {
        type: "reply",
        at: s(40),
        target: "carol-missed",
        text: "Report it online at anyshire.gov.uk/bins",
      },
      { type: "like", at: s(61), target: "carol-thanks" },
    ];
    let last = null;
    for (const [i, action] of actions.entries()) {
      const result = validateAction(scenario, "steps", actions.slice(0, i), action);
      assert.ok(result.ok);
      last = result.view;
    }
    assert.deepEqual(last, replay({ scenario, seed: "steps", actions, at: s(61) }));
  });
});

/** Plausible actions for the bins scenario, valid or not, at increasing times. */
const texts = [
  ...Object.values(REPRESENTATIVE_TEXTS),
  "",
  "Sorry Carol, 14 Maple Close is on our list.",
];
const targets = [
  "bins-post",
  "tom-thanks",
  "gaz-abuse",
  "carol-missed",
  "carol-thanks",
  "gaz-again",
  "sam-asks",
  "mine-0",
  "mine-1",
  "mine-2",
  "nope",
];
const personas = ["troll-gaz", "resident-carol", "reporter-sam", "nobody"];
const actionAt = (at: number) =>
  fc.oneof(
    fc.record({
      type: fc.constant("reply" as const),
      at: fc.constant(at),
      target: fc.constantFrom(...targets),
      text: fc.constantFrom(...texts),
    }),
    fc.record({
      type: fc.constant("post" as const),
      at: fc.constant(at),
      text: fc.constantFrom(...texts),
    }),
    fc.record({
      type: fc.constant("edit" as const),
      at: fc.constant(at),
      target: fc.constantFrom(...targets),
      text: fc.constantFrom(...texts),
    }),
    fc.record({
      type: fc.constantFrom(
        "delete" as const,
        "hide" as const,
        "unhide" as const,
        "like" as const,
        "pin" as const,
      ),
      at: fc.constant(at),
      target: fc.constantFrom(...targets),
    }),
    fc.record({
      type: fc.constant("report" as const),
      at: fc.constant(at),
      target: fc.constantFrom(...targets),
      reason: fc.constantFrom("abuse" as const, "spam" as const),
    }),
    fc.record({
      type: fc.constant("block" as const),
      at: fc.constant(at),
      persona: fc.constantFrom(...personas),
    }),
    fc.record({
      type: fc.constant("message" as const),
      at: fc.constant(at),
      persona: fc.constantFrom(...personas),
      text: fc.constantFrom(...texts),
    }),
    fc.record({
      type: fc.constant("escalate" as const),
      at: fc.constant(at),
      target: fc.constantFrom(...targets),
      team: fc.constantFrom("press-office" as const, "line-manager" as const),
      note: fc.constantFrom("Please look", ""),
    }),
    fc.record({ type: fc.constant("wait" as const), at: fc.constant(at) }),
  );
const runs = fc.array(fc.integer({ min: 0, max: s(500) }), { maxLength: 25 }).chain((times) => {
  const sorted = [...times].sort((a, b) => a - b);
  // Now and then a time that goes backwards, which must be rejected the same way both ways.
  return fc.tuple(...sorted.map((at, i) => actionAt(i % 9 === 8 ? Math.max(0, at - s(30)) : at)));
});

describe("the account's published contacts in a reply", () => {
  // journalist-enquiry publishes its press office as 01632 960500 in account.contacts.
  const journalist = loadScenario(join(LIBRARY, "journalist-enquiry.yaml"));
  const answer = (number: string) =>
    replay({
      scenario: journalist,
      seed: "a",
      at: s(30),
      actions: [
        {
          type: "escalate",
          at: s(12),
          target: "megan-ask",
          team: "press-office",
          note: "Press enquiry about Hollins Green Library.",
        },
        {
          type: "reply",
          at: s(20),
          target: "megan-ask",
          text: `Thanks Megan. Our press office will respond to you: ring them on ${number}.`,
        },
      ],
    });

  test("giving the press office's published number is the holding reply the scenario wants", () => {
    const view = answer("01632 960500");
    assert.equal(view.beat, "dm-follow-up");
    assert.deepEqual(
      view.debrief.at(-1)?.findings.map((f) => [f.kind, f.text]),
      [["signposting", "01632 960500"]],
    );
    assert.equal(view.score.items.find((line) => line.item === "holding-reply")?.earned, 2);
  });

  test("any other number is treated as someone's personal number", () => {
    const view = answer("01632 960501");
    assert.equal(view.beat, "on-record");
    assert.deepEqual(
      view.debrief.at(-1)?.findings.map((f) => [f.kind, f.detail, f.text]),
      [["personal-data", "phone-number", "01632 960501"]],
    );
  });
});

describe("replay in one go equals replay in steps (property)", () => {
  test("for random action sequences, stepping time in small pieces changes nothing", () => {
    fc.assert(
      fc.property(
        runs,
        fc.array(fc.integer({ min: 1, max: s(40) }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 0, max: s(520) }),
        (actions, stepSizes, end) => {
          const at = Math.max(end, ...actions.map((action) => action.at));
          const inOneGo = replay({ scenario, seed: "prop", actions, at });
          const player = new RunPlayer(scenario, "prop");
          let now = 0;
          let step = 0;
          actions.forEach((action, index) => {
            // Advance in small, uneven steps up to the action, then act.
            while (now + (stepSizes[step % stepSizes.length] ?? 1) < action.at) {
              now += stepSizes[step++ % stepSizes.length] ?? 1;
              player.advanceTo(now);
            }
            player.act(index, action);
            now = Math.max(now, action.at);
          });
          player.advanceTo(at);
          assert.deepEqual(player.view(at), inOneGo);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("for random action sequences, a view part-way is a prefix of the final run", () => {
    fc.assert(
      fc.property(runs, (actions) => {
        const last = Math.max(0, ...actions.map((action) => action.at));
        const final = replay({ scenario: gritters(), seed: "p", actions, at: last });
        const cut = actions[Math.floor(actions.length / 2)]?.at ?? 0;
        const early = replay({ scenario: gritters(), seed: "p", actions, at: cut });
        // Everything the trainee saw by then is still there later, at the same time.
        for (const entry of early.debrief)
          assert.ok(
            final.debrief.some((later) => later.at === entry.at && later.summary === entry.summary),
          );
        assert.ok(final.rejected.length >= early.rejected.length);
      }),
      { numRuns: 50 },
    );
  });
});

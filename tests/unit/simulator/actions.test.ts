import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type FeedItemView,
  type RunView,
  replay,
  type TraineeAction,
  validateAction,
} from "../../../simulator";
import { bins, gritters, s } from "./helpers";

const scenario = bins();
const seed = "actions";

function find(feed: FeedItemView[], id: string): FeedItemView | undefined {
  for (const item of feed) {
    if (item.id === id) return item;
    const inner = find(item.replies, id);
    if (inner) return inner;
  }
  return undefined;
}

/** Apply actions one by one through validateAction, as the app will; fail on any rejection. */
function play(actions: TraineeAction[]): RunView {
  let view: RunView | null = null;
  actions.forEach((action, i) => {
    const result = validateAction(scenario, seed, actions.slice(0, i), action);
    assert.ok(result.ok, result.ok ? "" : result.reason);
    view = result.view;
  });
  assert.ok(view);
  return view;
}

function rejects(prior: TraineeAction[], action: unknown, reason: RegExp) {
  const result = validateAction(scenario, seed, prior, action);
  assert.equal(result.ok, false);
  assert.match(result.ok ? "" : result.reason, reason);
}

describe("trainee actions", () => {
  test("reply adds the trainee's comment under its target, with its analysis", () => {
    const view = play([
      {
        type: "reply",
        at: s(35),
        target: "carol-missed",
        text: "Please report it online at anyshire.gov.uk/bins.",
      },
    ]);
    const reply = find(view.feed, "carol-missed")?.replies[0];
    assert.equal(reply?.id, "mine-0");
    assert.equal(reply?.author.id, "account");
    assert.equal(reply?.mine, true);
    assert.equal(reply?.at, s(35));
    assert.deepEqual(
      new Set(view.findings[0]?.findings.map((f) => f.kind)),
      new Set(["signposting"]),
    );
  });

  test("post adds a new top-level post at the top of the feed", () => {
    const view = play([{ type: "post", at: s(3), text: "Green bins are collected as normal." }]);
    assert.equal(view.feed[0]?.id, "mine-0");
    assert.equal(view.feed[0]?.text, "Green bins are collected as normal.");
  });

  test("edit changes the account's own post and marks it edited", () => {
    const view = play([
      { type: "edit", at: s(3), target: "bins-post", text: "Bins are two days late." },
    ]);
    assert.equal(view.feed[0]?.text, "Bins are two days late.");
    assert.equal(view.feed[0]?.edited, true);
  });

  test("delete marks the trainee's own item deleted", () => {
    const view = play([
      { type: "reply", at: s(1), target: "tom-thanks", text: "You're welcome." },
      { type: "delete", at: s(2), target: "mine-0" },
    ]);
    assert.equal(find(view.feed, "mine-0")?.deleted, true);
  });

  test("hide and unhide a comment", () => {
    const hidden = play([{ type: "hide", at: s(6), target: "gaz-abuse" }]);
    assert.equal(find(hidden.feed, "gaz-abuse")?.hidden, true);
    const shown = play([
      { type: "hide", at: s(6), target: "gaz-abuse" },
      { type: "unhide", at: s(7), target: "gaz-abuse" },
    ]);
    assert.equal(find(shown.feed, "gaz-abuse")?.hidden, false);
  });

  test("report records the item and the reason", () => {
    const view = play([{ type: "report", at: s(6), target: "gaz-abuse", reason: "abuse" }]);
    assert.deepEqual(view.reports, [{ at: s(6), target: "gaz-abuse", reason: "abuse" }]);
  });

  test("block stops a persona's later comments from appearing", () => {
    const view = replay({
      scenario,
      seed,
      actions: [{ type: "block", at: s(1), persona: "troll-gaz" }],
      at: s(10),
    });
    assert.deepEqual(view.blocked, ["troll-gaz"]);
    assert.equal(find(view.feed, "gaz-abuse"), undefined);
  });

  test("message starts a direct-message thread with the persona", () => {
    const view = play([
      {
        type: "message",
        at: s(40),
        persona: "resident-carol",
        text: "Hi Carol, what's your address?",
      },
    ]);
    assert.equal(view.messages[0]?.persona.name, "Carol Price");
    assert.deepEqual(view.messages[0]?.messages, [
      { from: "account", at: s(40), text: "Hi Carol, what's your address?" },
    ]);
  });

  test("escalate records the team and the note", () => {
    const view = play([
      { type: "escalate", at: s(6), target: "gaz-abuse", team: "comms", note: "Abusive, hidden." },
    ]);
    assert.deepEqual(view.escalations, [
      { at: s(6), target: "gaz-abuse", team: "comms", note: "Abusive, hidden." },
    ]);
  });

  test("like adds one like and remembers it", () => {
    const view = play([{ type: "like", at: s(1), target: "tom-thanks" }]);
    assert.equal(find(view.feed, "tom-thanks")?.likes, 1);
    assert.equal(find(view.feed, "tom-thanks")?.liked, true);
  });

  test("pin puts the account's post first", () => {
    const view = play([
      { type: "post", at: s(1), text: "A newer post." },
      { type: "pin", at: s(2), target: "bins-post" },
    ]);
    assert.equal(view.feed[0]?.id, "bins-post");
    assert.equal(view.feed[0]?.pinned, true);
  });

  test("wait lets time pass and nothing else", () => {
    const waited = play([{ type: "wait", at: s(31) }]);
    const untouched = replay({ scenario, seed, actions: [], at: s(31) });
    assert.deepEqual({ ...waited, debrief: [] }, { ...untouched, debrief: [] });
    assert.ok(find(waited.feed, "carol-missed"));
  });
});

describe("invalid actions are rejected with a reason and change nothing", () => {
  const cases: Array<[string, TraineeAction[], unknown, RegExp]> = [
    ["an unknown target", [], { type: "like", at: 0, target: "nope" }, /no item "nope"/],
    [
      "a target that has not appeared yet",
      [],
      { type: "hide", at: s(1), target: "gaz-abuse" },
      /no item "gaz-abuse"/,
    ],
    [
      "a deleted target",
      [
        { type: "reply", at: s(1), target: "tom-thanks", text: "Thanks Tom." },
        { type: "delete", at: s(2), target: "mine-0" },
      ],
      { type: "reply", at: s(3), target: "mine-0", text: "Hello" },
      /deleted/,
    ],
    [
      "editing someone else's post",
      [],
      { type: "edit", at: 0, target: "tom-thanks", text: "x" },
      /only edit your own/,
    ],
    [
      "deleting someone else's comment",
      [],
      { type: "delete", at: s(6), target: "gaz-abuse" },
      /only delete your own/,
    ],
    [
      "empty text",
      [],
      { type: "reply", at: 0, target: "tom-thanks", text: "   " },
      /Write something/,
    ],
    [
      "text over 2,000 characters",
      [],
      { type: "post", at: 0, text: "a".repeat(2001) },
      /2,001 characters; the limit is 2,000/,
    ],
    [
      "an escalation without a note",
      [],
      { type: "escalate", at: 0, target: "tom-thanks", team: "legal", note: "" },
      /note/,
    ],
    ["an action after the end", [], { type: "wait", at: s(480) }, /run has ended/],
    [
      "an action after the run reached its outcome",
      [
        {
          type: "reply",
          at: s(31),
          target: "carol-missed",
          text: "Report it online at anyshire.gov.uk/bins",
        },
      ],
      { type: "like", at: s(200), target: "tom-thanks" },
      /run has ended/,
    ],
    [
      "time going backwards",
      [{ type: "wait", at: s(10) }],
      { type: "wait", at: s(5) },
      /Time cannot go backwards/,
    ],
    [
      "hiding the account's own post",
      [],
      { type: "hide", at: 0, target: "bins-post" },
      /cannot hide your own/,
    ],
    [
      "hiding a hidden comment",
      [{ type: "hide", at: s(6), target: "gaz-abuse" }],
      { type: "hide", at: s(7), target: "gaz-abuse" },
      /already hidden/,
    ],
    [
      "unhiding a visible comment",
      [],
      { type: "unhide", at: 0, target: "tom-thanks" },
      /not hidden/,
    ],
    [
      "liking twice",
      [{ type: "like", at: 0, target: "tom-thanks" }],
      { type: "like", at: 1, target: "tom-thanks" },
      /already liked/,
    ],
    ["pinning a comment", [], { type: "pin", at: 0, target: "tom-thanks" }, /only pin your own/],
    [
      "blocking twice",
      [{ type: "block", at: 0, persona: "troll-gaz" }],
      { type: "block", at: 1, persona: "troll-gaz" },
      /already blocked Gaz/,
    ],
    [
      "messaging someone not in the cast",
      [],
      { type: "message", at: 0, persona: "nobody", text: "hi" },
      /no one called "nobody"/,
    ],
    [
      "malformed input",
      [],
      { type: "reply", at: -5, target: "x", text: "hi" },
      /not an action the simulator understands/,
    ],
    ["an unknown action type", [], { type: "retweet", at: 0 }, /not an action/],
  ];
  for (const [what, prior, action, reason] of cases) {
    test(what, () => {
      rejects(prior, action, reason);
      // Stored anyway (e.g. by an older app version), it is skipped on replay and changes nothing.
      const withIt = replay({
        scenario,
        seed,
        actions: [...prior, action as TraineeAction],
        at: s(480),
      });
      const without = replay({ scenario, seed, actions: prior, at: s(480) });
      assert.deepEqual({ ...withIt, rejected: [] }, without);
    });
  }

  test("reactions that target the trainee's own items (`mine`) work", () => {
    const run = gritters();
    const actions: TraineeAction[] = [
      {
        type: "reply",
        at: s(10),
        target: "dev-thanks",
        text: "Thanks Dev, glad the roads were safe.",
      },
      {
        type: "reply",
        at: s(25),
        target: "jo-all-roads",
        text: "We will grit Station Road tonight, we promise.",
      },
      { type: "delete", at: s(30), target: "mine-1" },
    ];
    const view = replay({ scenario: run, seed, actions, at: s(31) });
    assert.equal(view.ending?.id, "covered-up");
  });
});

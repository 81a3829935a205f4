import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { flattenFeed, isNewer, type LiveState, type LiveView } from "~/practice/live";
import { withPending } from "~/practice/optimistic";
import type { FeedItemView } from "../../../simulator";

const account = {
  id: "account",
  name: "Anyshire DC",
  handle: "@AnyshireDC",
  kind: "account" as const,
};
const gaz = { id: "troll-gaz", name: "Gaz", handle: "@gaz", kind: "troll" as const };

const item = (id: string, replies: FeedItemView[] = []): FeedItemView => ({
  id,
  author: id === "post" ? account : gaz,
  at: -60_000,
  text: `text of ${id}`,
  hidden: false,
  deleted: false,
  edited: false,
  likes: 2,
  shares: 0,
  liked: false,
  pinned: false,
  mine: false,
  mention: false,
  replies,
});

const view: LiveView = {
  at: 10_000,
  status: "running",
  ending: null,
  timeLeft: 100_000,
  nextInjectAt: 20_000,
  feed: [item("post", [item("abuse")])],
  messages: [],
  notifications: [],
  meters: { mood: 50, reach: 0 },
  blocked: [],
  reported: [],
  escalated: [],
};

describe("actions shown before the server answers", () => {
  test("a reply appears under its target at once, marked as pending", () => {
    const next = withPending(
      view,
      [{ key: 1, action: { type: "reply", target: "abuse", text: "Hi" } }],
      account,
    );
    const reply = flattenFeed(next.feed).find((found) => found.id === "pending-1");
    assert.equal(reply?.text, "Hi");
    assert.equal(reply?.author.id, "account");
    assert.equal(next.feed[0]?.replies[0]?.replies[0]?.id, "pending-1");
  });

  test("likes, hides and posts change what they touch and nothing else", () => {
    const next = withPending(
      view,
      [
        { key: 1, action: { type: "like", target: "post" } },
        { key: 2, action: { type: "hide", target: "abuse" } },
        { key: 3, action: { type: "post", text: "New post" } },
        { key: 4, action: { type: "block", persona: "troll-gaz" } },
      ],
      account,
    );
    const [newPost, post] = next.feed;
    assert.equal(newPost?.text, "New post");
    assert.equal(post?.likes, 3);
    assert.equal(post?.liked, true);
    assert.equal(post?.replies[0]?.hidden, true);
    assert.deepEqual(next.blocked, ["troll-gaz"]);
    assert.equal(view.feed[0]?.likes, 2, "the server's view itself is left as it was");
  });

  test("a first message opens a thread named after the persona", () => {
    const next = withPending(
      view,
      [{ key: 1, action: { type: "message", persona: "troll-gaz", text: "Please stop." } }],
      account,
      [gaz],
    );
    assert.equal(next.messages[0]?.persona.name, "Gaz");
    assert.deepEqual(next.messages[0]?.messages, [
      { from: "account", at: 10_000, text: "Please stop." },
    ]);
  });
});

describe("which of two states is the newer", () => {
  const state = (actionCount: number, at: number): LiveState => ({
    actionCount,
    paused: false,
    view: { ...view, at },
  });
  test("more actions win, whatever the time; with as many, the later time wins", () => {
    assert.equal(isNewer(state(3, 1000), state(2, 9000)), true);
    assert.equal(isNewer(state(2, 9000), state(3, 1000)), false);
    assert.equal(isNewer(state(2, 9000), state(2, 8000)), true);
    assert.equal(isNewer(state(2, 7000), state(2, 8000)), false);
  });
});

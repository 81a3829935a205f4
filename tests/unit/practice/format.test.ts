import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  avatarColour,
  clockText,
  initials,
  lengthText,
  lessonPath,
  relativeTime,
} from "~/practice/format";

describe("how the feed shows people and times", () => {
  test("relative times read like a social network's", () => {
    assert.equal(relativeTime(0, 5000).short, "now");
    assert.equal(relativeTime(0, 42_000).short, "42s");
    assert.deepEqual(relativeTime(-3_600_000 * 3, 0), { short: "3h", long: "3 hours ago" });
    assert.equal(relativeTime(-60_000, 0).long, "1 minute ago");
  });

  test("the clock, lengths and initials", () => {
    assert.equal(clockText(65_000), "1:05");
    assert.equal(clockText(3_725_000), "1:02:05");
    assert.equal(lengthText(480_000), "8 minutes");
    assert.equal(lengthText(3_600_000), "1 hour");
    assert.equal(initials("Carol Price"), "CP");
    assert.equal(initials("Priya, Highways"), "PH");
    assert.equal(initials("Gaz"), "G");
  });

  test("the same person always has the same colour", () => {
    assert.equal(avatarColour("troll-gaz"), avatarColour("troll-gaz"));
    assert.match(avatarColour("resident-carol"), /^#[0-9a-f]{6}$/);
  });

  test("lesson ids become lesson addresses", () => {
    assert.equal(lessonPath("staff-social-media/listening"), "/learn/staff-social-media/listening");
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { paused, realTimeOf, resumed, simulatedMs, skippedTo } from "~/practice/clock";

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, seconds));
const start = { clockOffsetMs: 0, clockRunningSince: at(0) };

describe("a run's simulated clock", () => {
  test("runs with real time from its start", () => {
    assert.equal(simulatedMs(start, at(0)), 0);
    assert.equal(simulatedMs(start, at(42)), 42_000);
  });

  test("never runs backwards if the server's clock does", () => {
    assert.equal(simulatedMs({ clockOffsetMs: 5000, clockRunningSince: at(10) }, at(5)), 5000);
  });

  test("stands still while paused and carries on from there when resumed", () => {
    const stopped = paused(start, at(30));
    assert.deepEqual(stopped, { clockOffsetMs: 30_000, clockRunningSince: null });
    assert.equal(simulatedMs(stopped, at(500)), 30_000);
    const going = resumed(stopped, at(500));
    assert.equal(simulatedMs(going, at(510)), 40_000);
    assert.equal(resumed(going, at(600)), going, "resuming a running clock changes nothing");
  });

  test("skips ahead to a later moment, running or paused, but never back", () => {
    const ahead = skippedTo(start, 90_000, at(10));
    assert.equal(simulatedMs(ahead, at(10)), 90_000);
    assert.equal(simulatedMs(ahead, at(15)), 95_000);
    const stillPaused = skippedTo(paused(start, at(10)), 60_000, at(20));
    assert.deepEqual(stillPaused, { clockOffsetMs: 60_000, clockRunningSince: null });
    assert.equal(simulatedMs(skippedTo(start, 1000, at(10)), at(10)), 10_000);
  });

  test("maps a simulated moment back to the real time it happened", () => {
    const ahead = skippedTo(start, 90_000, at(10));
    assert.deepEqual(realTimeOf(ahead, 100_000, at(60)), at(20));
    assert.deepEqual(realTimeOf(ahead, 500_000, at(60)), at(60), "not later than now");
  });
});

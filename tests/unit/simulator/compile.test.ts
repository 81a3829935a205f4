import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { createActor, SimulatedClock } from "xstate";
import { compileScenario } from "../../../simulator";
import { bins } from "./helpers";

describe("compilation", () => {
  const scenario = bins();
  const machine = compileScenario(scenario);

  test("beats and outcomes become states; outcomes are final", () => {
    const states = Object.keys(machine.states);
    for (const beat of scenario.beats) assert.ok(states.includes(beat.id));
    for (const outcome of scenario.outcomes) {
      assert.equal(machine.states[outcome.id]?.type, "final");
    }
    assert.equal(machine.config.initial, "abuse-arrives");
  });

  test("injects and timeouts are delayed transitions, and the duration is one on the root", () => {
    const delays = machine.states["abuse-arrives"]?.after.map((t) => t.delay);
    assert.deepEqual([...new Set(delays)], [5000, 30000, 120000]);
    assert.deepEqual(
      machine.root.after.map((t) => t.delay),
      [480000],
    );
  });

  test("reactions are guarded transitions on dot-namespaced trainee events, with named guards", () => {
    const on: Record<string, Array<{ guard?: unknown }>> = machine.states["abuse-arrives"]?.on ??
    {};
    const events = Object.keys(on).filter((event) => !event.startsWith("xstate.after."));
    assert.ok(events.length > 0 && events.every((event) => event.startsWith("trainee.")));
    const guard = on["trainee.hide"]?.[0]?.guard as unknown as { guards: Array<{ type: string }> };
    assert.deepEqual(
      guard.guards.map((g) => g.type),
      ["onTarget", "notReactedYet"],
    );
  });

  test("the same scenario compiles once", () => {
    assert.equal(compileScenario(scenario), machine);
  });

  test("a SimulatedClock drives the timing", () => {
    const clock = new SimulatedClock();
    const actor = createActor(machine, { clock, input: { seed: "x" } }).start();
    clock.increment(4999);
    assert.equal(actor.getSnapshot().context.items.length, 2);
    clock.increment(1);
    assert.equal(actor.getSnapshot().context.items.length, 3);
    clock.increment(120000 - 5000);
    assert.equal(actor.getSnapshot().value, "row");
  });
});

import { and, assign, setup } from "xstate";
import type { Scenario } from "../schema/scenario";
import { CONDITIONS, conditionChecks } from "./conditions";
import {
  applyAction,
  applyReaction,
  applyTimer,
  indexScenario,
  initialContext,
  type RunContext,
  reactionKey,
  type ScenarioIndex,
  startBeat,
  type TimerGroup,
  type TraineeEvent,
  timerGroups,
} from "./world";

/** The implicit final state for a run whose time runs out where no `timeUp` applies. */
export const NO_ENDING = "__no-ending";
export const MACHINE_ID = "scenario";

/**
 * Compile a scenario into an XState v5 machine. Beats and outcomes are its states; injects and
 * timeouts are delayed (`after`) transitions, so a SimulatedClock drives all timing; each
 * reaction is a guarded transition on a `trainee.*` event; the duration is an `after` on the
 * root. The world (feed, meters, score, debrief) lives in the context.
 */
function buildMachine(index: ScenarioIndex, groupsByBeat: Map<string, TimerGroup[]>) {
  const { scenario } = index;
  const groupOf = (beat: string, delay: number): TimerGroup => {
    const group = groupsByBeat.get(beat)?.find((candidate) => candidate.delay === delay);
    if (!group) throw new Error(`no timer at ${delay} ms in beat ${beat}`);
    return group;
  };

  const machineSetup = setup({
    types: {
      context: {} as RunContext,
      events: {} as TraineeEvent,
      input: {} as { seed: string },
    },
    actions: {
      applyAction: assign(({ context, event }) => applyAction(index, context, event)),
      react: assign(({ context, event }, params: { beat: string; reaction: number }) => {
        const beat = index.beats.get(params.beat);
        return beat ? applyReaction(index, context, event, beat, params.reaction) : {};
      }),
      fireTimer: assign(
        ({ context }, params: { beat: string; delay: number; withTimeout: boolean }) =>
          applyTimer(index, context, groupOf(params.beat, params.delay), params.withTimeout),
      ),
      enterBeat: assign(({ context }, params: { beat: string }) => ({
        beat: params.beat,
        beatEnteredAt: context.now,
        timersFired: 0,
      })),
      timeUp: assign({ now: scenario.duration }),
      end: assign(({ context }, params: { outcome: string }) => ({
        beat: params.outcome,
        ending: params.outcome,
        endedAt: context.now,
      })),
    },
    guards: {
      onTarget: ({ context, event }, params: { item: string }) =>
        CONDITIONS.onTarget(context, event, params),
      onPersona: ({ context, event }, params: { persona: string }) =>
        CONDITIONS.onPersona(context, event, params),
      toTeam: ({ context, event }, params: { team: string }) =>
        CONDITIONS.toTeam(context, event, params),
      forReason: ({ context, event }, params: { reason: string }) =>
        CONDITIONS.forReason(context, event, params),
      textHas: ({ context, event }, params: { kinds: readonly string[] }) =>
        CONDITIONS.textHas(context, event, params),
      textLacks: ({ context, event }, params: { kinds: readonly string[] }) =>
        CONDITIONS.textLacks(context, event, params),
      reactedBefore: ({ context, event }, params: { keys: readonly string[] }) =>
        CONDITIONS.reactedBefore(context, event, params),
      notReactedYet: ({ context, event }, params: { key: string }) =>
        CONDITIONS.notReactedYet(context, event, params),
      beforeEnd: ({ context }, params: { delay: number }) =>
        context.beatEnteredAt + params.delay < scenario.duration,
      deadlineApplies: ({ context }, params: { unless: readonly string[] }) =>
        !params.unless.some((key) => context.reacted.includes(key)),
      inBeat: ({ context }, params: { beat: string }) => context.beat === params.beat,
    },
  });

  const outcomeIds = new Set(scenario.outcomes.map((outcome) => outcome.id));
  const states: Record<string, object> = {};
  for (const outcome of [...scenario.outcomes.map((o) => o.id), NO_ENDING]) {
    states[outcome] = { type: "final", entry: [{ type: "end", params: { outcome } }] };
  }
  for (const beat of scenario.beats) {
    const on: Record<string, object[]> = {};
    beat.reactions.forEach((reaction, i) => {
      const eventType = `trainee.${reaction.when.action}`;
      const guards = conditionChecks(
        reaction.when,
        reactionKey(beat, i, reaction),
        reaction.repeat,
      );
      const transition: Record<string, unknown> = {
        guard: guards.length === 1 ? guards[0] : and(guards as never),
        actions: ["applyAction", { type: "react", params: { beat: beat.id, reaction: i } }],
      };
      if (reaction.goto !== undefined) transition.target = reaction.goto;
      if (guards.length === 0) delete transition.guard;
      on[eventType] = [...(on[eventType] ?? []), transition];
    });
    const after: Record<number, object[]> = {};
    for (const group of groupsByBeat.get(beat.id) ?? []) {
      const fire = (withTimeout: boolean) => ({
        type: "fireTimer",
        params: { beat: beat.id, delay: group.delay, withTimeout },
      });
      const beforeEnd = { type: "beforeEnd", params: { delay: group.delay } };
      const timeout = group.timeout;
      after[group.delay] = timeout
        ? [
            {
              guard: and([
                beforeEnd,
                { type: "deadlineApplies", params: { unless: timeout.unless } },
              ] as never),
              target: timeout.goto,
              actions: [fire(true)],
            },
            { guard: beforeEnd, actions: [fire(false)] },
          ]
        : [{ guard: beforeEnd, actions: [fire(false)] }];
    }
    states[beat.id] = {
      entry: [{ type: "enterBeat", params: { beat: beat.id } }],
      on,
      after,
    };
  }

  // When time runs out: the beat's own timeUp, else the scenario's, else no ending at all.
  const fallback = scenario.timeUp ?? NO_ENDING;
  const timeUp = [
    ...scenario.beats
      .filter((beat) => beat.timeUp !== undefined && beat.timeUp !== fallback)
      .map((beat) => ({
        guard: { type: "inBeat", params: { beat: beat.id } },
        target: `.${beat.timeUp}`,
        actions: ["timeUp"],
      })),
    { target: `.${fallback}`, actions: ["timeUp"] },
  ];

  if (!outcomeIds.has(fallback) && fallback !== NO_ENDING) throw new Error("unknown timeUp");
  return machineSetup.createMachine({
    id: MACHINE_ID,
    context: ({ input }) => initialContext(index, input.seed),
    initial: startBeat(scenario),
    on: { "trainee.*": { actions: "applyAction" } },
    after: { [scenario.duration]: timeUp as never },
    // The states are generated from data, which the config's literal types cannot follow.
    states: states as never,
  });
}

export type ScenarioMachine = ReturnType<typeof buildMachine>;

export interface CompiledScenario {
  index: ScenarioIndex;
  machine: ScenarioMachine;
  /** Each beat's timer groups in the order they fire. */
  timers: Map<string, TimerGroup[]>;
}

const compiled = new WeakMap<Scenario, CompiledScenario>();

/** Compile once per scenario object; replays of the same scenario share the machine. */
export function compile(scenario: Scenario): CompiledScenario {
  let found = compiled.get(scenario);
  if (!found) {
    const index = indexScenario(scenario);
    const timers = new Map(scenario.beats.map((beat) => [beat.id, timerGroups(beat)]));
    found = { index, machine: buildMachine(index, timers), timers };
    compiled.set(scenario, found);
  }
  return found;
}

export function compileScenario(scenario: Scenario): ScenarioMachine {
  return compile(scenario).machine;
}

/** The next moment the run moves on by itself, and the machine event that moves it. */
export function nextTimer(
  compiled: CompiledScenario,
  context: RunContext,
): { at: number; event: { type: string } } | null {
  if (context.ending !== null) return null;
  const { duration } = compiled.index.scenario;
  const group = compiled.timers.get(context.beat)?.[context.timersFired];
  if (group && context.beatEnteredAt + group.delay < duration) {
    return {
      at: context.beatEnteredAt + group.delay,
      event: { type: `xstate.after.${group.delay}.${MACHINE_ID}.${context.beat}` },
    };
  }
  return { at: duration, event: { type: `xstate.after.${duration}.${MACHINE_ID}` } };
}

import { getAdjacencyMap } from "xstate/graph";
import type { TraineeAction } from "../engine/actions";
import {
  type CompiledScenario,
  compile,
  MACHINE_ID,
  NO_ENDING,
  nextTimer,
} from "../engine/compile";
import type { RunContext, TraineeEvent } from "../engine/world";
import { formatClock } from "../schema/duration";
import type { Scenario } from "../schema/scenario";
import { type Alphabet, buildAlphabet, concreteEvent, traineeEvents } from "./alphabet";
import { enabledIndependent, splitIndependent } from "./independent";

/**
 * The scenario model checker. It explores every run the scenario allows over the abstract
 * alphabet (representative trainee actions at each moment something happens, and time moving
 * to the next timer) with xstate/graph, and checks the properties a publishable scenario
 * must have. States are compared by an abstraction of the context that keeps everything the
 * machine's guards, the action checks and the score depend on, and nothing else.
 */

export type CheckProperty =
  | "explored"
  | "passing-path"
  | "failing-path"
  | "reachable"
  | "no-dead-end"
  | "rubric-earnable"
  | "ends-in-time";

export type PathStep =
  | { at: number; kind: "action"; action: TraineeAction }
  | { at: number; kind: "time"; note: string };

export interface CheckFailure {
  property: CheckProperty;
  message: string;
  /** A run that shows the problem (empty when no single run can, e.g. an unreachable beat). */
  path: PathStep[];
}

export interface CheckReport {
  scenario: string;
  ok: boolean;
  /** Abstract states explored. */
  states: number;
  failures: CheckFailure[];
}

export interface CheckOptions {
  /** Most transitions to explore before giving up (property "explored"). */
  limit?: number;
}

/** Variants never change a run's shape, so one fixed seed stands for all of them. */
export const CHECK_SEED = "model-check";
const DEFAULT_LIMIT = 400_000;

type Snapshot = { context: RunContext; status: string };
type Event = TraineeEvent | { type: string };

/**
 * The abstract state: everything guards, action checks and timers depend on. Points are left
 * out (no guard reads them) and handled by the score frontiers below; of the reactions that
 * have happened, only those that can still matter are kept: the current beat's, those of
 * beats the run can come back to, and those named by `done` or `unless`. Of the feed, only
 * what the checker's actions could be aimed at is kept (which of them can be taken now, and
 * on which item), plus the items injects reply to and who is blocked.
 */
function abstractState(
  context: RunContext,
  relevant: (key: string) => boolean,
  horizon: (beat: string) => number,
  world: (context: RunContext) => string[],
  duration: number,
): string {
  const elapsed = context.now - context.beatEnteredAt;
  // When the run must reach an outcome before its time is up whatever happens, the exact
  // clock time no longer matters: runs that differ only in it behave alike.
  const free = duration - context.now >= horizon(context.beat) - elapsed;
  return JSON.stringify([
    context.beat,
    elapsed,
    free ? "free" : context.now,
    context.timersFired,
    context.reacted.filter((key) => relevant(key) || key.startsWith(`${context.beat}#`)).sort(),
    world(context),
    [...context.blocked].sort(),
  ]);
}

/**
 * The longest a run can still last from entering each beat, following timeouts and gotos:
 * infinite where a beat has no timeout that always fires, or the beats form a loop.
 */
function horizons(scenario: Scenario): (beat: string) => number {
  const beats = new Map(scenario.beats.map((beat) => [beat.id, beat]));
  const memo = new Map<string, number>();
  const longest = (id: string, visiting: Set<string>): number => {
    const beat = beats.get(id);
    if (!beat) return 0; // an outcome
    const known = memo.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id) || !beat.timeout || beat.timeout.unless.length > 0) return Infinity;
    visiting.add(id);
    const next = [...beat.reactions.map((r) => r.goto), beat.timeout.goto].filter(
      (target): target is string => target !== undefined,
    );
    const result = beat.timeout.after + Math.max(0, ...next.map((t) => longest(t, visiting)));
    visiting.delete(id);
    memo.set(id, result);
    return result;
  };
  return (id) => longest(id, new Set());
}

/** Reaction keys whose having happened can change a later transition. */
function relevantReactions(scenario: Scenario): (key: string) => boolean {
  const named = new Set(
    scenario.beats.flatMap((beat) => [
      ...beat.reactions.flatMap((reaction) => reaction.when.done),
      ...(beat.timeout?.unless ?? []),
    ]),
  );
  // Beats the run can come back to: their once-only reactions must stay remembered.
  const next = new Map(
    scenario.beats.map((beat) => [
      beat.id,
      [...beat.reactions.map((r) => r.goto), beat.timeout?.goto].filter(
        (target): target is string => target !== undefined,
      ),
    ]),
  );
  const returning = new Set<string>();
  for (const beat of scenario.beats) {
    const seen = new Set<string>();
    const stack = [...(next.get(beat.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (id === beat.id) returning.add(beat.id);
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
  }
  const keyOwner = new Map<string, string>();
  for (const beat of scenario.beats) {
    beat.reactions.forEach((reaction, i) => {
      keyOwner.set(reaction.id ?? `${beat.id}#${i}`, beat.id);
    });
  }
  return (key) => named.has(key) || returning.has(keyOwner.get(key) ?? "");
}

function eventKey(event: Event): string {
  return "action" in event ? JSON.stringify(event.action) : event.type;
}

/** A score change on an edge: points for an item, or a text sent for a trainer to grade. */
interface ScoreStep {
  item: string;
  points: number | null;
}

interface Edge {
  event: Event;
  to: string;
  scores: ScoreStep[];
}

interface Explored {
  states: Map<string, Snapshot>;
  edges: Map<string, Edge[]>;
  parent: Map<string, { from: string; event: Event } | null>;
  initial: string;
}

function explore(compiled: CompiledScenario, alphabet: Alphabet, limit: number): Explored {
  const { scenario } = compiled.index;
  const relevant = relevantReactions(scenario);
  const horizon = horizons(scenario);
  const parents = [
    ...new Set(
      scenario.beats.flatMap((beat) =>
        beat.injects.flatMap((inject) => ("on" in inject.content ? [inject.content.on] : [])),
      ),
    ),
  ];
  // Guards can only tell items apart by id if a condition names them, otherwise by author.
  const named = new Set(
    scenario.beats.flatMap((beat) => beat.reactions.flatMap((r) => r.when.target ?? [])),
  );
  const describeTarget = (context: RunContext, target: string) => {
    const item = context.items.find((candidate) => candidate.id === target);
    if (!item || item.mine) return "+";
    return named.has(target) ? target : `@${item.author}`;
  };
  const world = (context: RunContext) => [
    ...alphabet.all.map((abstract) => {
      const action = concreteEvent(compiled, alphabet, context, abstract)?.action;
      if (!action) return "-";
      if ("target" in action) return describeTarget(context, action.target);
      return "persona" in action ? action.persona : "+";
    }),
    ...parents.map((id) => {
      const item = context.items.find((candidate) => candidate.id === id);
      return item ? (item.deleted ? "d" : "+") : "-";
    }),
  ];
  const cache = new WeakMap<object, string>();
  const serialize = (snapshot: unknown) => {
    let key = cache.get(snapshot as object);
    if (key === undefined) {
      key = abstractState(
        (snapshot as Snapshot).context,
        relevant,
        horizon,
        world,
        scenario.duration,
      );
      cache.set(snapshot as object, key);
    }
    return key;
  };
  const events = (snapshot: Snapshot): Event[] => {
    if (snapshot.status !== "active") return [];
    const timer = nextTimer(compiled, snapshot.context);
    if (!timer) return [];
    // Anything due now happens before the trainee can act (as in replay).
    if (timer.at <= snapshot.context.now) return [timer.event];
    return [timer.event, ...traineeEvents(compiled, alphabet, snapshot.context)];
  };
  const adjacency = getAdjacencyMap(compiled.machine as never, {
    input: { seed: CHECK_SEED },
    events: events as never,
    serializeState: serialize,
    serializeEvent: (event) => eventKey(event as Event),
    limit,
  });
  const states = new Map<string, Snapshot>();
  const edges = new Map<string, Edge[]>();
  for (const [key, value] of Object.entries(adjacency)) {
    const from = value.state as unknown as Snapshot;
    states.set(key, from);
    const transitions = Object.values(
      value.transitions as Record<string, { event: unknown; state: unknown }>,
    );
    edges.set(
      key,
      transitions.map((transition) => {
        const to = (transition.state as Snapshot).context;
        // Decisions are only ever appended, so the new ones carry this step's score changes.
        const scores = to.decisions
          .slice(from.context.decisions.length)
          .flatMap((decision) => decision.notes)
          .filter((note) => note.item !== null && note.status !== "note")
          .map((note) => ({ item: note.item as string, points: note.points }));
        return { event: transition.event as Event, to: serialize(transition.state), scores };
      }),
    );
  }
  const initial = Object.keys(adjacency)[0];
  if (initial === undefined) throw new Error("nothing explored");
  // Breadth-first parents give the shortest counter-example to every state.
  const parent = new Map<string, { from: string; event: Event } | null>([[initial, null]]);
  const queue = [initial];
  for (let head = 0; head < queue.length; head++) {
    const from = queue[head] as string;
    for (const { event, to } of edges.get(from) ?? []) {
      if (!parent.has(to)) {
        parent.set(to, { from, event });
        queue.push(to);
      }
    }
  }
  return { states, edges, parent, initial };
}

/**
 * Score vectors reachable at each state, keeping only the best (or worst) ones: a vector that
 * another one beats on every rubric item, having used no more of the independent reactions,
 * can never be the one that passes (or fails). Each entry remembers how it was reached, for
 * counter-examples. Trainer items count at full marks once a text was sent for grading when
 * looking for a pass, and at nothing when looking for a fail.
 */
interface Scored {
  vector: number[];
  /** Independent reactions already used on this path (each happens at most once). */
  used: string[];
  state: string;
  back: { from: Scored; event: Event } | null;
}

interface Scoring {
  scenario: Scenario;
  explored: Explored;
  /** Score-only reactions the trainee could trigger in a state, worked out once per state. */
  optional: (state: string) => Array<{ key: string; event: Event; scores: ScoreStep[] }>;
}

function scoreFrontiers(scoring: Scoring, direction: "best" | "worst"): Map<string, Scored[]> {
  const { scenario, explored } = scoring;
  const items = scenario.rubric.items;
  const position = new Map(items.map((item, i) => [item.id, i]));
  const covers = (a: Scored, b: Scored) =>
    a.used.every((key) => b.used.includes(key)) &&
    (direction === "best"
      ? a.vector.every((v, i) => v >= (b.vector[i] ?? 0))
      : a.vector.every((v, i) => v <= (b.vector[i] ?? 0)));
  const frontiers = new Map<string, Scored[]>();
  const insert = (entry: Scored): boolean => {
    const current = frontiers.get(entry.state) ?? [];
    if (current.some((other) => covers(other, entry))) return false;
    frontiers.set(entry.state, [...current.filter((other) => !covers(entry, other)), entry]);
    return true;
  };
  const apply = (vector: number[], scores: readonly ScoreStep[]) => {
    const next = [...vector];
    for (const step of scores) {
      const i = position.get(step.item);
      const item = i === undefined ? undefined : items[i];
      if (i === undefined || !item) continue;
      if (item.judged === "trainer") {
        if (direction === "best") next[i] = item.points;
      } else {
        next[i] = Math.min(item.points, Math.max(0, (next[i] ?? 0) + (step.points ?? 0)));
      }
    }
    return next;
  };
  const start: Scored = {
    vector: items.map(() => 0),
    used: [],
    state: explored.initial,
    back: null,
  };
  insert(start);
  const work = [start];
  while (work.length > 0) {
    const entry = work.pop() as Scored;
    if (!frontiers.get(entry.state)?.includes(entry)) continue;
    const steps = [
      ...(explored.edges.get(entry.state) ?? []).map((edge) => ({ ...edge, key: null })),
      ...scoring
        .optional(entry.state)
        .filter((option) => !entry.used.includes(option.key))
        .map((option) => ({ ...option, to: entry.state })),
    ];
    for (const step of steps) {
      const next: Scored = {
        vector: apply(entry.vector, step.scores),
        used: step.key === null ? entry.used : [...entry.used, step.key].sort(),
        state: step.to,
        back: { from: entry, event: step.event },
      };
      if (insert(next)) work.push(next);
    }
  }
  return frontiers;
}

function describeTimer(compiled: CompiledScenario, context: RunContext, event: Event): PathStep {
  const timer = nextTimer(compiled, context);
  const at = timer?.at ?? context.now;
  if (event.type === `xstate.after.${compiled.index.scenario.duration}.${MACHINE_ID}`) {
    return { at, kind: "time", note: "time runs out" };
  }
  const group = compiled.timers.get(context.beat)?.[context.timersFired];
  const parts = (group?.injects ?? []).map(({ inject }) => {
    const content = inject.content;
    return "id" in content ? `${content.id} appears` : `a ${content.kind} arrives`;
  });
  if (group?.timeout) parts.push(`"${context.beat}" times out`);
  return { at, kind: "time", note: parts.join(", ") || "time passes" };
}

function stepFor(
  compiled: CompiledScenario,
  explored: Explored,
  from: string,
  event: Event,
): PathStep {
  if ("action" in event) return { at: event.action.at, kind: "action", action: event.action };
  const state = explored.states.get(from) as Snapshot;
  return describeTimer(compiled, state.context, event);
}

/** The shortest run to a state. */
function pathTo(compiled: CompiledScenario, explored: Explored, key: string): PathStep[] {
  const steps: PathStep[] = [];
  let current = explored.parent.get(key);
  while (current) {
    steps.push(stepFor(compiled, explored, current.from, current.event));
    current = explored.parent.get(current.from);
  }
  return steps.reverse();
}

/** The run that reached a scored entry. */
function scoredPath(compiled: CompiledScenario, explored: Explored, entry: Scored): PathStep[] {
  const steps: PathStep[] = [];
  for (let current = entry; current.back; current = current.back.from) {
    steps.push(stepFor(compiled, explored, current.back.from.state, current.back.event));
  }
  return steps.reverse();
}

export function describeStep(step: PathStep): string {
  if (step.kind === "time") return `${formatClock(step.at)} ${step.note}`;
  const { type, at: _at, ...rest } = step.action;
  const details = Object.entries(rest)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(" ");
  return `${formatClock(step.at)} ${type} ${details}`.trim();
}

export function checkScenario(scenario: Scenario, options: CheckOptions = {}): CheckReport {
  const { explored: storyScenario, independent } = splitIndependent(scenario);
  const compiled = compile(storyScenario);
  const alphabet = buildAlphabet(storyScenario);
  let explored: Explored;
  try {
    explored = explore(compiled, alphabet, options.limit ?? DEFAULT_LIMIT);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("limit")) throw error;
    return {
      scenario: scenario.id,
      ok: false,
      states: 0,
      failures: [
        {
          property: "explored",
          message:
            "The scenario allows too many different runs to check. Use fewer reactions that stay in the same beat, or fewer injects.",
          path: [],
        },
      ],
    };
  }
  const failures: CheckFailure[] = [];
  const fail = (property: CheckProperty, message: string, path: PathStep[] = []) =>
    failures.push({ property, message, path });
  const contextOf = (key: string) => (explored.states.get(key) as Snapshot).context;
  const byDistance = [...explored.parent.keys()];
  const outcomes = new Map(scenario.outcomes.map((outcome) => [outcome.id, outcome]));
  const resultOf = (key: string) => outcomes.get(contextOf(key).ending ?? "")?.result ?? "failed";
  const endings = byDistance.filter((key) => contextOf(key).ending !== null);
  const passMark = scenario.rubric.passMark;
  const total = (entry: Scored) => entry.vector.reduce((sum, points) => sum + points, 0);
  const optional = new Map<string, Array<{ key: string; event: Event; scores: ScoreStep[] }>>();
  const scoring: Scoring = {
    scenario,
    explored,
    optional: (key) => {
      let found = optional.get(key);
      if (!found) {
        const state = explored.states.get(key) as Snapshot;
        const reactions = independent.get(state.context.beat) ?? [];
        found =
          state.status !== "active" || reactions.length === 0
            ? []
            : enabledIndependent(compiled, alphabet, state.context, reactions).map(
                ({ reaction, event }) => ({
                  key: reaction.key,
                  event,
                  scores: reaction.scores.map((score) => ({
                    item: score.item,
                    points:
                      score.points ??
                      scenario.rubric.items.find((item) => item.id === score.item)?.points ??
                      0,
                  })),
                }),
              );
        optional.set(key, found);
      }
      return found;
    },
  };
  const best = scoreFrontiers(scoring, "best");
  const worst = scoreFrontiers(scoring, "worst");
  const entriesAt = (frontiers: Map<string, Scored[]>, keys: string[]) =>
    keys.flatMap((key) => frontiers.get(key) ?? []);

  // A passing path: a passed outcome reached with the pass mark (trainer items at full marks).
  const passedEndings = endings.filter((key) => resultOf(key) === "passed");
  const bestPassed = entriesAt(best, passedEndings).sort((a, b) => total(b) - total(a))[0];
  if (!bestPassed) {
    const shortest = endings[0];
    fail(
      "passing-path",
      "No run reaches an outcome whose result is passed. For example:",
      shortest === undefined ? [] : pathTo(compiled, explored, shortest),
    );
  } else if (total(bestPassed) < passMark) {
    fail(
      "passing-path",
      `No run passes: the best run to a passed outcome scores ${total(bestPassed)}, below the pass mark of ${passMark}. That run:`,
      scoredPath(compiled, explored, bestPassed),
    );
  }

  // A failing path: a failed outcome, or a passed one below the pass mark.
  const failedEnding = endings.find((key) => resultOf(key) === "failed");
  const lowPass = entriesAt(worst, passedEndings).find((entry) => total(entry) < passMark);
  if (failedEnding === undefined && !lowPass) {
    const example = entriesAt(worst, passedEndings)[0];
    fail(
      "failing-path",
      "Every run passes, so the scenario cannot tell good handling from bad. For example:",
      example ? scoredPath(compiled, explored, example) : [],
    );
  }

  // Every beat and outcome is reachable.
  const seen = new Set([...explored.states.values()].map((state) => state.context.beat));
  for (const beat of scenario.beats) {
    if (!seen.has(beat.id)) fail("reachable", `Beat "${beat.id}" can never be reached.`);
  }
  for (const outcome of scenario.outcomes) {
    if (!seen.has(outcome.id)) fail("reachable", `Outcome "${outcome.id}" can never be reached.`);
  }

  // No dead ends: from every reachable beat something other than the clock running out leads on.
  const timeUpEvent = `xstate.after.${scenario.duration}.${MACHINE_ID}`;
  for (const beat of scenario.beats) {
    if (beat.timeUp !== undefined || !seen.has(beat.id)) continue;
    const inBeat = byDistance.filter((key) => contextOf(key).beat === beat.id);
    const leaves = inBeat.some((key) =>
      (explored.edges.get(key) ?? []).some(
        ({ event, to }) => event.type !== timeUpEvent && contextOf(to).beat !== beat.id,
      ),
    );
    if (!leaves) {
      fail(
        "no-dead-end",
        `Beat "${beat.id}" is a dead end: nothing the trainee does and no timeout leads out of it, so the run only ends when time runs out. Add a reaction with goto or a timeout, or give the beat its own timeUp if waiting for the end is intended.`,
        inBeat[0] === undefined ? [] : pathTo(compiled, explored, inBeat[0]),
      );
    }
  }

  // Every rubric item can be earned on some run.
  const allBest = [...best.values()].flat();
  scenario.rubric.items.forEach((item, i) => {
    if (!allBest.some((entry) => (entry.vector[i] ?? 0) > 0)) {
      fail("rubric-earnable", `Rubric item "${item.id}" can never be earned.`);
    }
  });

  // Every run ends, in an outcome, by the duration.
  const unresolved = endings.find((key) => contextOf(key).ending === NO_ENDING);
  if (unresolved !== undefined) {
    const beat = contextOf(explored.parent.get(unresolved)?.from ?? unresolved).beat;
    fail(
      "ends-in-time",
      `A run can reach the end of the duration in beat "${beat}", which has no timeUp, and the scenario has none either.`,
      pathTo(compiled, explored, unresolved),
    );
  }
  const stuck = byDistance.find((key) => {
    const state = explored.states.get(key) as Snapshot;
    return (
      state.status === "active" &&
      (state.context.now >= scenario.duration || (explored.edges.get(key) ?? []).length === 0)
    );
  });
  if (stuck !== undefined) {
    fail(
      "ends-in-time",
      "A run can go on past the duration without ending.",
      pathTo(compiled, explored, stuck),
    );
  }

  return {
    scenario: scenario.id,
    ok: failures.length === 0,
    states: explored.states.size,
    failures,
  };
}

import { createActor, SimulatedClock } from "xstate";
import type { Scenario } from "../schema/scenario";
import { type TraineeAction, traineeActionSchema } from "./actions";
import { type CompiledScenario, compile, nextTimer } from "./compile";
import { buildView, type RunView, type TrainerGrade } from "./view";
import { analyseAction, type RunContext, rejectionReason } from "./world";

/**
 * A run being rebuilt from its actions. Time only moves through the SimulatedClock, one due
 * timer at a time: a timer that fires starts the next beat's timers at its own moment, not at
 * the moment we happen to be jumping to, so replaying in one go equals replaying in steps.
 */
export class RunPlayer {
  readonly compiled: CompiledScenario;
  private readonly clock = new SimulatedClock();
  private readonly actor;
  private lastAt = 0;
  readonly rejected: Array<{ index: number; reason: string }> = [];

  constructor(scenario: Scenario, seed: string) {
    this.compiled = compile(scenario);
    this.actor = createActor(this.compiled.machine, { clock: this.clock, input: { seed } });
    this.actor.start();
  }

  get context(): RunContext {
    return this.actor.getSnapshot().context;
  }

  /** Let simulated time pass up to `time`, firing every inject and timeout due on the way. */
  advanceTo(time: number): void {
    for (;;) {
      const next = nextTimer(this.compiled, this.context);
      if (!next || next.at > time) break;
      const before = this.context;
      this.clock.set(Math.max(this.clock.now(), next.at));
      if (this.context === before) throw new Error(`timer at ${next.at} ms did not fire`);
    }
    if (time > this.clock.now()) this.clock.set(time);
  }

  /** Why the action cannot be taken at its time, or null. Advances time to the action. */
  check(action: TraineeAction): string | null {
    this.advanceTo(action.at);
    return rejectionReason(
      this.compiled.index,
      this.context,
      action,
      Math.max(this.lastAt, this.clock.now()),
    );
  }

  /** Apply the action at position `index`; an invalid one is recorded as rejected. */
  act(index: number, input: unknown): string | null {
    const parsed = traineeActionSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (${issue.path.join(".")})` : "";
      const reason = `That is not an action the simulator understands${where}.`;
      this.rejected.push({ index, reason });
      return reason;
    }
    const action = parsed.data;
    const reason = this.check(action);
    if (reason !== null) {
      this.rejected.push({ index, reason });
      return reason;
    }
    this.actor.send({
      type: `trainee.${action.type}`,
      index,
      action,
      findings: analyseAction(this.compiled.index, action),
    });
    this.lastAt = action.at;
    return null;
  }

  view(at: number, grades: readonly TrainerGrade[] = []): RunView {
    return buildView(this.compiled, this.context, {
      at,
      grades,
      rejected: [...this.rejected],
    });
  }
}

export interface ReplayInput {
  scenario: Scenario;
  seed: string;
  /** The run's actions as stored, in order. Actions after `at` are not applied yet. */
  actions: readonly TraineeAction[];
  /** Milliseconds since the run started. */
  at: number;
  trainerGrades?: readonly TrainerGrade[];
}

/** The view of a run at time `at`, rebuilt from the scenario, the seed and the actions. */
export function replay({ scenario, seed, actions, at, trainerGrades = [] }: ReplayInput): RunView {
  const player = new RunPlayer(scenario, seed);
  actions.forEach((action, index) => {
    // Actions stamped after `at` have not happened yet at that time.
    if (!(typeof action?.at === "number" && action.at > at)) player.act(index, action);
  });
  player.advanceTo(at);
  return player.view(at, trainerGrades);
}

export type ActionCheck =
  | { ok: true; action: TraineeAction; view: RunView }
  | { ok: false; reason: string };

/**
 * Check a new action (untrusted input) against the run so far. On success the view is the run
 * just after the action; store the action only then.
 */
export function validateAction(
  scenario: Scenario,
  seed: string,
  priorActions: readonly TraineeAction[],
  action: unknown,
): ActionCheck {
  const player = new RunPlayer(scenario, seed);
  priorActions.forEach((prior, index) => {
    player.act(index, prior);
  });
  const reason = player.act(priorActions.length, action);
  if (reason !== null) return { ok: false, reason };
  const accepted = traineeActionSchema.parse(action);
  return { ok: true, action: accepted, view: player.view(accepted.at) };
}

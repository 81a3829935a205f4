import type { CompiledScenario } from "../engine/compile";
import { type ConditionCheck, conditionChecks, conditionHolds } from "../engine/conditions";
import type { RunContext, TraineeEvent } from "../engine/world";
import type { Reaction, Scenario, ScoreChange } from "../schema/scenario";
import {
  type AbstractAction,
  type Alphabet,
  abstractActions,
  concreteEvent,
  representativeText,
} from "./alphabet";

/**
 * Reactions that only change the score: no goto, happen once, nothing refers to them, and
 * the action they answer cannot change whether another reaction applies. When and whether
 * they happen cannot change the story, only the points, so the checker leaves them out of the
 * machine it explores and adds their points while scoring paths. Without this, every subset of
 * them at every moment would be a separate state (see docs/decisions/015-checker-score.md).
 */
export interface IndependentReaction {
  key: string;
  abstract: AbstractAction;
  /** The reaction's conditions, apart from "has not happened yet" (the scoring tracks that). */
  checks: ConditionCheck[];
  scores: ScoreChange[];
}

const TARGET_STATE_ACTIONS = new Set(["report", "escalate", "like", "hide", "unhide", "pin"]);

export function splitIndependent(scenario: Scenario): {
  explored: Scenario;
  independent: Map<string, IndependentReaction[]>;
} {
  const referenced = new Set(
    scenario.beats.flatMap((beat) => [
      ...beat.reactions.flatMap((reaction) => reaction.when.done),
      ...(beat.timeout?.unless ?? []),
    ]),
  );
  const all = scenario.beats.flatMap((beat) => beat.reactions);
  const usesMine = all.some((reaction) => reaction.when.target === "mine");
  const isIndependent = (reaction: Reaction) => {
    const type = reaction.when.action;
    if (reaction.goto !== undefined || reaction.repeat) return false;
    if (reaction.id !== undefined && referenced.has(reaction.id)) return false;
    if (type === "delete" || type === "block") return false;
    if ((type === "reply" || type === "post") && usesMine) return false;
    // Reporting, liking, hiding... twice is refused, so another reaction to the same kind of
    // action could be blocked by this one.
    if (TARGET_STATE_ACTIONS.has(type)) {
      return all.every((other) => other === reaction || other.when.action !== type);
    }
    return true;
  };
  const independent = new Map<string, IndependentReaction[]>();
  const beats = scenario.beats.map((beat) => {
    const kept: Reaction[] = [];
    const split: IndependentReaction[] = [];
    beat.reactions.forEach((reaction, i) => {
      if (!isIndependent(reaction)) {
        kept.push(reaction);
        return;
      }
      if (reaction.score.length === 0) return;
      const key = reaction.id ?? `${beat.id}#${i}`;
      const text = representativeText(reaction.when.found);
      const abstract = abstractActions(reaction.when, []).find((a) => a.text === text);
      if (!abstract) return;
      split.push({
        key,
        abstract,
        checks: conditionChecks(reaction.when, key, true),
        scores: reaction.score,
      });
    });
    independent.set(beat.id, split);
    return { ...beat, reactions: kept };
  });
  return { explored: { ...scenario, beats }, independent };
}

/** The independent reactions the trainee could trigger in this state, with the event that would. */
export function enabledIndependent(
  compiled: CompiledScenario,
  alphabet: Alphabet,
  context: RunContext,
  reactions: readonly IndependentReaction[],
): Array<{ reaction: IndependentReaction; event: TraineeEvent }> {
  const enabled: Array<{ reaction: IndependentReaction; event: TraineeEvent }> = [];
  for (const reaction of reactions) {
    const event = concreteEvent(compiled, alphabet, context, reaction.abstract);
    if (event && reaction.checks.every((check) => conditionHolds(check, context, event))) {
      enabled.push({ reaction, event });
    }
  }
  return enabled;
}

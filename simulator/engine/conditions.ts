import { MINE, type ReactionCondition } from "../schema/scenario";
import { actionPersona, actionTarget, type RunContext, type TraineeEvent } from "./world";

/**
 * The conditions a reaction can put on a trainee action. The machine uses them as its named
 * guards; the model checker uses the same functions to tell which actions a beat reacts to.
 */
export const CONDITIONS = {
  onTarget: (context: RunContext, event: TraineeEvent, params: { item: string }) => {
    const target = actionTarget(event.action);
    if (params.item !== MINE) return target === params.item;
    return context.items.some((item) => item.id === target && item.mine);
  },
  onPersona: (context: RunContext, event: TraineeEvent, params: { persona: string }) =>
    actionPersona(context, event.action) === params.persona,
  toTeam: (_context: RunContext, event: TraineeEvent, params: { team: string }) =>
    event.action.type === "escalate" && event.action.team === params.team,
  forReason: (_context: RunContext, event: TraineeEvent, params: { reason: string }) =>
    event.action.type === "report" && event.action.reason === params.reason,
  textHas: (_context: RunContext, event: TraineeEvent, params: { kinds: readonly string[] }) =>
    params.kinds.every((kind) => event.findings.some((finding) => finding.kind === kind)),
  textLacks: (_context: RunContext, event: TraineeEvent, params: { kinds: readonly string[] }) =>
    !event.findings.some((finding) => params.kinds.includes(finding.kind)),
  reactedBefore: (context: RunContext, _event: TraineeEvent, params: { keys: readonly string[] }) =>
    params.keys.every((key) => context.reacted.includes(key)),
  notReactedYet: (context: RunContext, _event: TraineeEvent, params: { key: string }) =>
    !context.reacted.includes(params.key),
};

export type ConditionName = keyof typeof CONDITIONS;
export type ConditionCheck = {
  [K in ConditionName]: { type: K; params: Parameters<(typeof CONDITIONS)[K]>[2] };
}[ConditionName];

/** The checks that together make up a reaction's `when` (and its once-only rule). */
export function conditionChecks(
  when: ReactionCondition,
  key: string,
  repeat: boolean,
): ConditionCheck[] {
  const checks: ConditionCheck[] = [];
  if (when.target !== undefined) checks.push({ type: "onTarget", params: { item: when.target } });
  if (when.persona !== undefined) {
    checks.push({ type: "onPersona", params: { persona: when.persona } });
  }
  if (when.team !== undefined) checks.push({ type: "toTeam", params: { team: when.team } });
  if (when.reason !== undefined)
    checks.push({ type: "forReason", params: { reason: when.reason } });
  if (when.found.length > 0) checks.push({ type: "textHas", params: { kinds: when.found } });
  if (when.absent.length > 0) checks.push({ type: "textLacks", params: { kinds: when.absent } });
  if (when.done.length > 0) checks.push({ type: "reactedBefore", params: { keys: when.done } });
  if (!repeat) checks.push({ type: "notReactedYet", params: { key } });
  return checks;
}

export function conditionHolds(
  check: ConditionCheck,
  context: RunContext,
  event: TraineeEvent,
): boolean {
  const test = CONDITIONS[check.type] as (
    context: RunContext,
    event: TraineeEvent,
    params: unknown,
  ) => boolean;
  return test(context, event, check.params);
}

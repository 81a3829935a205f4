import type { Finding } from "../analysis/finding";
import type { TraineeAction } from "../engine/actions";
import type { CompiledScenario } from "../engine/compile";
import { type ConditionCheck, conditionChecks, conditionHolds } from "../engine/conditions";
import {
  analyseAction,
  type RunContext,
  reactionKey,
  rejectionReason,
  type TraineeEvent,
} from "../engine/world";
import {
  FINDING_KINDS,
  type FindingKind,
  PERSONA_ACTIONS,
  type ReactionCondition,
  type Scenario,
  TEAMS,
  TEXT_ACTIONS,
} from "../schema/scenario";

/**
 * The checker's abstract alphabet: the trainee actions worth trying in a state. Only an
 * action's type, target, persona, team, reason and the classes its text falls in can change
 * which reaction applies, so one representative of each distinct combination the current
 * beat's reactions mention is enough, and of those only the ones a reaction responds to in
 * that state (see docs/decisions/014-checker-alphabet.md).
 */

/**
 * One text per analysis class, each finding exactly that class and nothing else. None holds a
 * phone number or e-mail address, so no scenario's `account.contacts` can change its class.
 */
export const REPRESENTATIVE_TEXTS: Record<FindingKind | "neutral", string> = {
  neutral: "Thanks for getting in touch with us about this.",
  "personal-data": "We have the details for 7 Station Road here.",
  apology: "We apologise for the delay with this.",
  correction: "To correct our earlier post, the collection is on Friday.",
  signposting: "You can report it online at anyshire.gov.uk/report.",
  "too-long": `${"Thank you for your message about this service today. ".repeat(6)}`.trim(),
  shouting: "PLEASE READ THE POST CAREFULLY.",
  hostile: "Grow up and get a life.",
  sarcastic: "Oh great, thanks for nothing.",
  defensive: "That is not our fault.",
  "party-political": "Blame the Tories for the cuts.",
  "over-promise": "We guarantee it will be done.",
};

export function representativeText(kinds: readonly FindingKind[]): string {
  if (kinds.length === 0) return REPRESENTATIVE_TEXTS.neutral;
  return kinds.map((kind) => REPRESENTATIVE_TEXTS[kind]).join(" ");
}

/** How an abstract action picks its target in a concrete state. */
type TargetSpec =
  | { kind: "none" }
  | { kind: "item"; id: string }
  | { kind: "by-persona"; persona: string }
  | { kind: "mine" }
  | { kind: "any" };

export interface AbstractAction {
  type: TraineeAction["type"];
  target: TargetSpec;
  persona: string | null;
  text: string;
  team: (typeof TEAMS)[number];
  reason: Extract<TraineeAction, { type: "report" }>["reason"];
  key: string;
}

function targetSpec(when: ReactionCondition): TargetSpec {
  if ((PERSONA_ACTIONS as readonly string[]).includes(when.action) || when.action === "post") {
    return { kind: "none" };
  }
  if (when.target === "mine") return { kind: "mine" };
  if (when.target !== undefined) return { kind: "item", id: when.target };
  if (when.persona !== undefined) return { kind: "by-persona", persona: when.persona };
  return { kind: "any" };
}

/** Texts that make a reaction apply, and texts that just miss it (one absent class added). */
function textsFor(when: ReactionCondition): FindingKind[][] {
  return [when.found, ...when.absent.map((kind) => [...when.found, kind])];
}

export function abstractActions(
  when: ReactionCondition,
  mentioned: readonly FindingKind[],
): AbstractAction[] {
  const isText = (TEXT_ACTIONS as readonly string[]).includes(when.action);
  const kindSets: FindingKind[][] = isText
    ? [[], ...mentioned.map((kind) => [kind]), ...textsFor(when)]
    : [[]];
  return kindSets.map((kinds) => {
    const action: Omit<AbstractAction, "key"> = {
      type: when.action,
      target: targetSpec(when),
      persona: when.persona ?? null,
      text: representativeText(kinds),
      team: when.team ?? TEAMS[0],
      reason: when.reason ?? "abuse",
    };
    return { ...action, key: JSON.stringify(action) };
  });
}

export interface Alphabet {
  /** Per beat: the abstract actions its reactions respond to, and the reactions' checks. */
  byBeat: Map<string, { actions: AbstractAction[]; reactions: ReactionChecks[] }>;
  /** Analysis of each representative text, worked out once. */
  findings: Map<string, Finding[]>;
  /** Every abstract action of every beat: which of them can be taken, on what, is the part
   * of the world the future can depend on. */
  all: AbstractAction[];
}

interface ReactionChecks {
  action: ReactionCondition["action"];
  checks: ConditionCheck[];
}

export function buildAlphabet(scenario: Scenario): Alphabet {
  const byBeat: Alphabet["byBeat"] = new Map();
  for (const beat of scenario.beats) {
    // Texts only need to tell apart the classes this beat's reactions to that action test.
    const mentioned = (action: string) =>
      FINDING_KINDS.filter((kind) =>
        beat.reactions.some(
          (r) =>
            r.when.action === action &&
            (r.when.found.includes(kind) || r.when.absent.includes(kind)),
        ),
      );
    const actions = beat.reactions.flatMap((reaction) =>
      abstractActions(reaction.when, mentioned(reaction.when.action)),
    );
    const unique = new Map(actions.map((action) => [action.key, action]));
    byBeat.set(beat.id, {
      actions: [...unique.values()],
      reactions: beat.reactions.map((reaction, i) => ({
        action: reaction.when.action,
        checks: conditionChecks(reaction.when, reactionKey(beat, i, reaction), reaction.repeat),
      })),
    });
  }
  // Whether an action can be taken, and on what, does not depend on its text.
  const all = new Map(
    [...byBeat.values()].flatMap(({ actions }) =>
      actions.map((action) => [JSON.stringify({ ...action, text: "", key: "" }), action]),
    ),
  );
  return { byBeat, findings: new Map(), all: [...all.values()] };
}

function concreteTargets(
  compiled: CompiledScenario,
  context: RunContext,
  spec: TargetSpec,
  make: (target: string) => TraineeAction,
): TraineeAction | null {
  const valid = (target: string) => {
    const action = make(target);
    return rejectionReason(compiled.index, context, action, context.now) === null ? action : null;
  };
  if (spec.kind === "item") return valid(spec.id);
  for (const item of context.items) {
    const fits =
      spec.kind === "any" ||
      (spec.kind === "mine" && item.mine) ||
      (spec.kind === "by-persona" && item.author === spec.persona);
    if (!fits) continue;
    const action = valid(item.id);
    if (action) return action;
  }
  return null;
}

/** An abstract action made concrete in a state (valid target, analysed text), or null. */
export function concreteEvent(
  compiled: CompiledScenario,
  alphabet: Alphabet,
  context: RunContext,
  abstract: AbstractAction,
): TraineeEvent | null {
  const at = context.now;
  const index = context.decisions.filter((decision) => decision.kind === "action").length;
  const { text, team, reason } = abstract;
  let action: TraineeAction | null = null;
  switch (abstract.type) {
    case "post":
      action = { type: "post", at, text };
      break;
    case "block":
    case "message": {
      const candidates =
        abstract.persona === null
          ? compiled.index.scenario.personas.map((persona) => persona.id)
          : [abstract.persona];
      for (const persona of candidates) {
        const candidate: TraineeAction =
          abstract.type === "block"
            ? { type: "block", at, persona }
            : { type: "message", at, persona, text };
        if (rejectionReason(compiled.index, context, candidate, at) === null) {
          action = candidate;
          break;
        }
      }
      break;
    }
    case "reply":
    case "edit":
      action = concreteTargets(compiled, context, abstract.target, (target) => ({
        type: abstract.type as "reply",
        at,
        target,
        text,
      }));
      break;
    case "escalate":
      action = concreteTargets(compiled, context, abstract.target, (target) => ({
        type: "escalate",
        at,
        target,
        team,
        note: "Please can you pick this up?",
      }));
      break;
    case "report":
      action = concreteTargets(compiled, context, abstract.target, (target) => ({
        type: "report",
        at,
        target,
        reason,
      }));
      break;
    case "wait":
      break;
    default:
      action = concreteTargets(compiled, context, abstract.target, (target) => ({
        type: abstract.type as "like",
        at,
        target,
      }));
  }
  if (!action) return null;
  const key = `${action.type}:${"text" in action ? action.text : ""}`;
  let findings = alphabet.findings.get(key);
  if (!findings) {
    findings = analyseAction(compiled.index, action);
    alphabet.findings.set(key, findings);
  }
  return { type: `trainee.${action.type}`, index, action, findings };
}

/** The trainee events to try in a state: those that make one of the beat's reactions apply. */
export function traineeEvents(
  compiled: CompiledScenario,
  alphabet: Alphabet,
  context: RunContext,
): TraineeEvent[] {
  const beat = alphabet.byBeat.get(context.beat);
  const events: TraineeEvent[] = [];
  for (const abstract of beat?.actions ?? []) {
    const event = concreteEvent(compiled, alphabet, context, abstract);
    // Only actions the beat reacts to can change the story; the rest only change the feed.
    const reacts = beat?.reactions.some(
      (reaction) =>
        event !== null &&
        reaction.action === event.action.type &&
        reaction.checks.every((check) => conditionHolds(check, context, event)),
    );
    if (event && reacts) events.push(event);
  }
  return events;
}

import { analyseText } from "../analysis";
import type { Finding, PersonalDetail } from "../analysis/finding";
import { formatClock } from "../schema/duration";
import {
  ACCOUNT,
  type Beat,
  type BeatTimeout,
  type FeedItemSeed,
  type Inject,
  type MeterChange,
  type Persona,
  type Reaction,
  type ReportReason,
  type RubricItem,
  type Scenario,
  type ScoreChange,
  type Team,
  TRAINEE_ITEM_PREFIX,
} from "../schema/scenario";
import { MAX_TEXT_LENGTH, type TraineeAction } from "./actions";
import { pickVariant } from "./variants";

/**
 * The state of a run's world: what the machine's context holds. Everything here is plain data
 * and is replaced, never changed in place, because the model checker reuses old states.
 */

export interface FeedItemState {
  id: string;
  /** The item this one replies to; null for a top-level post. */
  parent: string | null;
  /** A persona id, or "account" for the organisation's account. */
  author: string;
  at: number;
  text: string;
  hidden: boolean;
  deleted: boolean;
  edited: boolean;
  likes: number;
  shares: number;
  liked: boolean;
  pinned: boolean;
  /** Created by the trainee during this run. */
  mine: boolean;
  mention: boolean;
}

export interface MessageState {
  persona: string;
  from: "persona" | "account";
  at: number;
  text: string;
}

export type NotificationKind = "comment" | "post" | "mention" | "message" | "wave";

export interface NotificationState {
  at: number;
  kind: NotificationKind;
  persona: string | null;
  item: string | null;
  text: string;
}

export interface DebriefNote {
  feedback: string;
  /** The rubric item this note scores, if any. */
  item: string | null;
  /** Points added (negative: taken away); null when a trainer grades it or it only informs. */
  points: number | null;
  status: "awarded" | "pending-trainer" | "note";
  lesson: string | null;
}

export interface Decision {
  at: number;
  /** "action": something the trainee did; "missed": something not done in time. */
  kind: "action" | "missed";
  actionIndex: number | null;
  summary: string;
  findings: Finding[];
  notes: DebriefNote[];
}

/** A trainee text a trainer must grade before the item's points count. */
export interface PendingGrade {
  item: string;
  actionIndex: number;
  text: string;
  max: number;
}

export interface TextFindings {
  actionIndex: number;
  at: number;
  action: TraineeAction["type"];
  /** The feed item the text became or changed, if any. */
  item: string | null;
  findings: Finding[];
}

export interface RunContext {
  seed: string;
  now: number;
  beat: string;
  beatEnteredAt: number;
  /** How many of the current beat's timer groups have fired. */
  timersFired: number;
  ending: string | null;
  endedAt: number | null;
  items: FeedItemState[];
  messages: MessageState[];
  notifications: NotificationState[];
  meters: { mood: number; reach: number };
  /** Automatically judged points per rubric item, kept within 0..points. */
  points: Record<string, number>;
  pending: PendingGrade[];
  /** Keys of reactions that have happened (their id, or "beat#index"). */
  reacted: string[];
  blocked: string[];
  reports: Array<{ at: number; target: string; reason: ReportReason }>;
  escalations: Array<{ at: number; target: string; team: Team; note: string }>;
  decisions: Decision[];
  texts: TextFindings[];
}

/** A trainee action on its way into the machine, with its position and its analysis. */
export interface TraineeEvent {
  type: `trainee.${TraineeAction["type"]}`;
  index: number;
  action: TraineeAction;
  findings: Finding[];
}

/** Lookups built once per scenario. */
export interface ScenarioIndex {
  scenario: Scenario;
  personas: Map<string, Persona>;
  rubric: Map<string, RubricItem>;
  beats: Map<string, Beat>;
  personalDetails: PersonalDetail[];
  /** Reply analysis is pure, and runs are replayed often: remember it per text. */
  analysed: Map<string, Finding[]>;
}

export function indexScenario(scenario: Scenario): ScenarioIndex {
  return {
    scenario,
    personas: new Map(scenario.personas.map((persona) => [persona.id, persona])),
    rubric: new Map(scenario.rubric.items.map((item) => [item.id, item])),
    beats: new Map(scenario.beats.map((beat) => [beat.id, beat])),
    personalDetails: scenario.personas.flatMap((persona) =>
      persona.personalDetails.map((text) => ({ personaId: persona.id, text })),
    ),
    analysed: new Map(),
  };
}

export function reactionKey(beat: Beat, index: number, reaction: Reaction): string {
  return reaction.id ?? `${beat.id}#${index}`;
}

export function startBeat(scenario: Scenario): string {
  const first = scenario.beats[0];
  if (!first) throw new Error("a scenario has at least one beat");
  return scenario.start ?? first.id;
}

export function initialContext(index: ScenarioIndex, seed: string): RunContext {
  const { scenario } = index;
  const items: FeedItemState[] = [];
  const walk = (seeds: FeedItemSeed[], parent: string | null) => {
    for (const item of seeds) {
      items.push({
        id: item.id,
        parent,
        author: pickVariant(seed, `${item.id}:by`, item.by),
        at: item.at,
        text: pickVariant(seed, `${item.id}:text`, item.text),
        hidden: false,
        deleted: false,
        edited: false,
        likes: item.likes,
        shares: item.shares,
        liked: false,
        pinned: item.pinned,
        mine: false,
        mention: false,
      });
      walk(item.comments, item.id);
    }
  };
  walk(scenario.feed, null);
  return {
    seed,
    now: 0,
    beat: startBeat(scenario),
    beatEnteredAt: 0,
    timersFired: 0,
    ending: null,
    endedAt: null,
    items,
    messages: [],
    notifications: [],
    meters: { mood: scenario.meters.mood, reach: scenario.meters.reach },
    points: Object.fromEntries(scenario.rubric.items.map((item) => [item.id, 0])),
    pending: [],
    reacted: [],
    blocked: [],
    reports: [],
    escalations: [],
    decisions: [],
    texts: [],
  };
}

export function findItem(context: RunContext, id: string): FeedItemState | undefined {
  return context.items.find((item) => item.id === id);
}

function replaceItem(
  context: RunContext,
  id: string,
  change: (item: FeedItemState) => FeedItemState,
): FeedItemState[] {
  return context.items.map((item) => (item.id === id ? change(item) : item));
}

export function personaName(index: ScenarioIndex, id: string): string {
  if (id === ACCOUNT) return index.scenario.account.name;
  return index.personas.get(id)?.name ?? id;
}

const TEAM_NAMES: Record<Team, string> = {
  comms: "the communications team",
  safeguarding: "the safeguarding team",
  "press-office": "the press office",
  complaints: "the complaints team",
  legal: "the legal team",
  "line-manager": "your line manager",
};

function describeItem(index: ScenarioIndex, context: RunContext, id: string): string {
  const item = findItem(context, id);
  if (!item) return `"${id}"`;
  const owner = item.author === ACCOUNT ? "your" : `${personaName(index, item.author)}'s`;
  return `${owner} ${item.parent === null ? "post" : "comment"}`;
}

/** One line for the debrief, in the second person. */
export function describeAction(
  index: ScenarioIndex,
  context: RunContext,
  action: TraineeAction,
): string {
  const item = (id: string) => describeItem(index, context, id);
  switch (action.type) {
    case "reply":
      return `You replied to ${item(action.target)}.`;
    case "post":
      return "You posted on the account.";
    case "edit":
      return `You edited ${item(action.target)}.`;
    case "delete":
      return `You deleted ${item(action.target)}.`;
    case "hide":
      return `You hid ${item(action.target)}.`;
    case "unhide":
      return `You unhid ${item(action.target)}.`;
    case "report":
      return `You reported ${item(action.target)} (${action.reason}).`;
    case "block":
      return `You blocked ${personaName(index, action.persona)}.`;
    case "message":
      return `You sent ${personaName(index, action.persona)} a direct message.`;
    case "escalate":
      return `You escalated ${item(action.target)} to ${TEAM_NAMES[action.team]}.`;
    case "like":
      return `You liked ${item(action.target)}.`;
    case "pin":
      return `You pinned ${item(action.target)}.`;
    case "wait":
      return "You waited.";
  }
}

export function actionText(action: TraineeAction): string | null {
  switch (action.type) {
    case "reply":
    case "post":
    case "edit":
    case "message":
      return action.text;
    case "escalate":
      return action.note;
    default:
      return null;
  }
}

/** The item an action is aimed at, if any. */
export function actionTarget(action: TraineeAction): string | null {
  return "target" in action ? action.target : null;
}

/** The persona an action is aimed at: the persona itself, or the author of the target item. */
export function actionPersona(context: RunContext, action: TraineeAction): string | null {
  if ("persona" in action) return action.persona;
  const target = actionTarget(action);
  return target === null ? null : (findItem(context, target)?.author ?? null);
}

/** Reply analysis for the texts the trainee writes (escalation notes are internal). */
export function analyseAction(index: ScenarioIndex, action: TraineeAction): Finding[] {
  if (action.type === "escalate") return [];
  const text = actionText(action);
  if (text === null) return [];
  let findings = index.analysed.get(text);
  if (!findings) {
    findings = analyseText(text, {
      personalDetails: index.personalDetails,
      accountContacts: index.scenario.account.contacts,
    });
    // A bound, so a long-lived server does not keep every text it has ever seen.
    if (index.analysed.size >= 10_000) index.analysed.clear();
    index.analysed.set(text, findings);
  }
  return findings;
}

/**
 * Why an action cannot be taken now, in words a trainee understands; null when it can.
 * `lastAt` is the time of the previous accepted action.
 */
export function rejectionReason(
  index: ScenarioIndex,
  context: RunContext,
  action: TraineeAction,
  lastAt: number,
): string | null {
  const { scenario } = index;
  if (action.at < lastAt) {
    return `Time cannot go backwards: this action is at ${formatClock(action.at)}, after one at ${formatClock(lastAt)}.`;
  }
  if (context.ending !== null || action.at >= scenario.duration) return "The run has ended.";
  const text = action.type === "escalate" ? action.note : actionText(action);
  if (text !== null) {
    if (text.trim() === "") {
      return action.type === "escalate" ? "Add a note for the team." : "Write something first.";
    }
    if (text.length > MAX_TEXT_LENGTH) {
      const count = String(text.length).replace(/\B(?=(\d{3})+$)/g, ",");
      return `That is ${count} characters; the limit is 2,000.`;
    }
  }
  if ("persona" in action) {
    if (action.persona === ACCOUNT) return "That is your own account.";
    const persona = index.personas.get(action.persona);
    if (!persona) return `There is no one called "${action.persona}" here.`;
    if (action.type === "block" && context.blocked.includes(action.persona)) {
      return `You have already blocked ${persona.name}.`;
    }
    return null;
  }
  const target = actionTarget(action);
  if (target === null) return null;
  const item = findItem(context, target);
  if (!item) return `There is no item "${target}" in the feed.`;
  if (item.deleted) return "That has been deleted.";
  const own = item.author === ACCOUNT;
  switch (action.type) {
    case "edit":
    case "delete":
      return own ? null : `You can only ${action.type} your own posts and replies.`;
    case "hide":
    case "unhide":
      if (own) return "You cannot hide your own items: delete them instead.";
      if (item.parent === null) return "Only comments can be hidden.";
      if (action.type === "hide" && item.hidden) return "That comment is already hidden.";
      if (action.type === "unhide" && !item.hidden) return "That comment is not hidden.";
      return null;
    case "pin":
      if (!own) return "You can only pin your own posts.";
      if (item.parent !== null) return "Only posts can be pinned, not replies.";
      return item.pinned ? "That post is already pinned." : null;
    case "like":
      return item.liked ? "You have already liked that." : null;
    case "report":
      if (own) return "You cannot report your own account's items.";
      return context.reports.some((report) => report.target === target)
        ? "You have already reported that."
        : null;
    case "escalate":
      return context.escalations.some((e) => e.target === target && e.team === action.team)
        ? `You have already escalated that to ${TEAM_NAMES[action.team]}.`
        : null;
    default:
      return null;
  }
}

/** The world after a (valid) trainee action, before any reaction. */
export function applyAction(
  index: ScenarioIndex,
  context: RunContext,
  event: TraineeEvent,
): Partial<RunContext> {
  const { action } = event;
  const now = action.at;
  const ownItem = `${TRAINEE_ITEM_PREFIX}${event.index}`;
  const newItem = (parent: string | null, text: string): FeedItemState => ({
    id: ownItem,
    parent,
    author: ACCOUNT,
    at: now,
    text,
    hidden: false,
    deleted: false,
    edited: false,
    likes: 0,
    shares: 0,
    liked: false,
    pinned: false,
    mine: true,
    mention: false,
  });
  const update: Partial<RunContext> = { now };
  if (action.type !== "wait") {
    update.decisions = [
      ...context.decisions,
      {
        at: now,
        kind: "action",
        actionIndex: event.index,
        summary: describeAction(index, context, action),
        findings: event.findings,
        notes: [],
      },
    ];
  }
  const recordText = (item: string | null) => {
    update.texts = [
      ...context.texts,
      { actionIndex: event.index, at: now, action: action.type, item, findings: event.findings },
    ];
  };
  switch (action.type) {
    case "reply":
      update.items = [...context.items, newItem(action.target, action.text)];
      recordText(ownItem);
      break;
    case "post":
      update.items = [...context.items, newItem(null, action.text)];
      recordText(ownItem);
      break;
    case "edit":
      update.items = replaceItem(context, action.target, (item) => ({
        ...item,
        text: action.text,
        edited: true,
      }));
      recordText(action.target);
      break;
    case "delete":
      update.items = replaceItem(context, action.target, (item) => ({
        ...item,
        deleted: true,
        pinned: false,
      }));
      break;
    case "hide":
    case "unhide":
      update.items = replaceItem(context, action.target, (item) => ({
        ...item,
        hidden: action.type === "hide",
      }));
      break;
    case "like":
      update.items = replaceItem(context, action.target, (item) => ({
        ...item,
        liked: true,
        likes: item.likes + 1,
      }));
      break;
    case "pin":
      update.items = context.items.map((item) =>
        item.id === action.target || item.pinned
          ? { ...item, pinned: item.id === action.target }
          : item,
      );
      break;
    case "report":
      update.reports = [
        ...context.reports,
        { at: now, target: action.target, reason: action.reason },
      ];
      break;
    case "block":
      update.blocked = [...context.blocked, action.persona];
      break;
    case "message":
      update.messages = [
        ...context.messages,
        { persona: action.persona, from: "account", at: now, text: action.text },
      ];
      recordText(null);
      break;
    case "escalate":
      update.escalations = [
        ...context.escalations,
        { at: now, target: action.target, team: action.team, note: action.note },
      ];
      break;
    case "wait":
      break;
  }
  return update;
}

function applyMeters(meters: RunContext["meters"], change: MeterChange): RunContext["meters"] {
  return {
    mood: Math.min(100, Math.max(0, meters.mood + (change.mood ?? 0))),
    reach: Math.max(0, meters.reach + (change.reach ?? 0)),
  };
}

/** Score changes as debrief notes, updating points and pending grades. */
function applyScores(
  index: ScenarioIndex,
  context: RunContext,
  changes: readonly ScoreChange[],
  trigger: { actionIndex: number; text: string } | null,
): Pick<RunContext, "points" | "pending"> & { notes: DebriefNote[] } {
  const points = { ...context.points };
  const pending = [...context.pending];
  const notes: DebriefNote[] = [];
  for (const change of changes) {
    const item = index.rubric.get(change.item);
    if (!item) continue;
    if (item.judged === "trainer") {
      if (trigger) {
        pending.push({
          item: item.id,
          actionIndex: trigger.actionIndex,
          text: trigger.text,
          max: item.points,
        });
      }
      notes.push({
        feedback: change.feedback,
        item: item.id,
        points: null,
        status: "pending-trainer",
        lesson: item.lesson,
      });
      continue;
    }
    const delta = change.points ?? item.points;
    points[item.id] = Math.min(item.points, Math.max(0, (points[item.id] ?? 0) + delta));
    notes.push({
      feedback: change.feedback,
      item: item.id,
      points: delta,
      status: "awarded",
      lesson: item.lesson,
    });
  }
  return { points, pending, notes };
}

/** A reaction's consequences, added to the decision the same action just recorded. */
export function applyReaction(
  index: ScenarioIndex,
  context: RunContext,
  event: TraineeEvent,
  beat: Beat,
  reactionIndex: number,
): Partial<RunContext> {
  const reaction = beat.reactions[reactionIndex];
  if (!reaction) return {};
  const text = actionText(event.action) ?? describeAction(index, context, event.action);
  const scored = applyScores(index, context, reaction.score, { actionIndex: event.index, text });
  const notes: DebriefNote[] = [...scored.notes];
  if (reaction.feedback !== undefined) {
    notes.unshift({
      feedback: reaction.feedback,
      item: null,
      points: null,
      status: "note",
      lesson: reaction.lesson ?? null,
    });
  }
  const decisions = context.decisions.map((decision) =>
    decision.actionIndex === event.index
      ? { ...decision, notes: [...decision.notes, ...notes] }
      : decision,
  );
  return {
    points: scored.points,
    pending: scored.pending,
    decisions,
    meters: applyMeters(context.meters, reaction.meters),
    reacted: [...context.reacted, reactionKey(beat, reactionIndex, reaction)],
  };
}

/** Injects due together, and the beat's timeout if it is due at the same moment. */
export interface TimerGroup {
  delay: number;
  injects: Array<{ inject: Inject; key: string }>;
  timeout: BeatTimeout | null;
}

export function timerGroups(beat: Beat): TimerGroup[] {
  const groups = new Map<number, TimerGroup>();
  const group = (delay: number) => {
    let found = groups.get(delay);
    if (!found) {
      found = { delay, injects: [], timeout: null };
      groups.set(delay, found);
    }
    return found;
  };
  beat.injects.forEach((inject, i) => {
    group(inject.after).injects.push({ inject, key: `${beat.id}.injects.${i}` });
  });
  if (beat.timeout) group(beat.timeout.after).timeout = beat.timeout;
  return [...groups.values()].sort((a, b) => a.delay - b.delay);
}

function applyInject(
  index: ScenarioIndex,
  context: RunContext,
  inject: Inject,
  key: string,
  now: number,
): RunContext {
  const content = inject.content;
  const contentKey = "id" in content ? content.id : key;
  const author = "by" in content ? pickVariant(context.seed, `${contentKey}:by`, content.by) : null;
  if (author !== null && context.blocked.includes(author)) return context;
  const text =
    "text" in content ? pickVariant(context.seed, `${contentKey}:text`, content.text) : "";
  const name = author === null ? "" : personaName(index, author);
  const notify = (kind: NotificationKind, item: string | null, line: string) => [
    ...context.notifications,
    { at: now, kind, persona: author, item, text: line },
  ];
  const next = { ...context, meters: applyMeters(context.meters, inject.meters) };
  const addItem = (parent: string | null, mention: boolean): FeedItemState => ({
    id: "id" in content ? content.id : key,
    parent,
    author: author ?? ACCOUNT,
    at: now,
    text,
    hidden: false,
    deleted: false,
    edited: false,
    likes: 0,
    shares: 0,
    liked: false,
    pinned: false,
    mine: false,
    mention,
  });
  switch (content.kind) {
    case "post":
    case "mention": {
      // Each feed item appears at most once, even if its beat is entered again.
      if (findItem(context, content.id)) return context;
      next.items = [...context.items, addItem(null, content.kind === "mention")];
      next.notifications =
        content.kind === "mention"
          ? notify("mention", content.id, `${name} mentioned you`)
          : notify("post", content.id, `${name} posted on your page`);
      return next;
    }
    case "comment": {
      const parent = findItem(context, content.on);
      if (findItem(context, content.id) || !parent || parent.deleted) return context;
      next.items = [...context.items, addItem(content.on, false)];
      const whose = parent.author === ACCOUNT ? "your" : `${personaName(index, parent.author)}'s`;
      next.notifications = notify(
        "comment",
        content.id,
        `${name} replied to ${whose} ${parent.parent === null ? "post" : "comment"}`,
      );
      return next;
    }
    case "message":
      next.messages = [
        ...context.messages,
        { persona: author ?? "", from: "persona", at: now, text },
      ];
      next.notifications = notify("message", null, `${name} sent you a message`);
      return next;
    case "wave": {
      const target = findItem(context, content.on);
      if (!target || target.deleted) return context;
      next.items = replaceItem(context, content.on, (item) => ({
        ...item,
        likes: item.likes + content.likes,
        shares: item.shares + content.shares,
      }));
      const parts = [
        content.likes > 0 ? `${content.likes} people liked` : null,
        content.shares > 0 ? `${content.shares} people shared` : null,
      ].filter((part) => part !== null);
      next.notifications = notify(
        "wave",
        content.on,
        `${parts.join(" and ") || "People saw"} ${describeItem(index, context, content.on)}`,
      );
      return next;
    }
  }
}

/** A timer group firing: its injects appear, then the timeout (if it applies) is recorded. */
export function applyTimer(
  index: ScenarioIndex,
  context: RunContext,
  group: TimerGroup,
  withTimeout: boolean,
): Partial<RunContext> {
  const now = context.beatEnteredAt + group.delay;
  let next: RunContext = { ...context, now, timersFired: context.timersFired + 1 };
  for (const { inject, key } of group.injects) next = applyInject(index, next, inject, key, now);
  const timeout = group.timeout;
  if (withTimeout && timeout) {
    const scored = applyScores(index, next, timeout.score, null);
    next = {
      ...next,
      points: scored.points,
      meters: applyMeters(next.meters, timeout.meters),
    };
    if (timeout.missed !== undefined || scored.notes.length > 0) {
      next.decisions = [
        ...next.decisions,
        {
          at: now,
          kind: "missed",
          actionIndex: null,
          summary: timeout.missed ?? "Time moved on.",
          findings: [],
          notes: scored.notes,
        },
      ];
    }
  }
  return next;
}

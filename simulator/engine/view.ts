import { ACCOUNT, type PersonaKind } from "../schema/scenario";
import type { CompiledScenario } from "./compile";
import { NO_ENDING, nextTimer } from "./compile";
import type {
  Decision,
  FeedItemState,
  NotificationState,
  PendingGrade,
  RunContext,
  TextFindings,
} from "./world";

/** What the trainee (and a trainer replaying the run) sees at one moment. */

export interface Author {
  id: string;
  name: string;
  handle: string;
  kind: PersonaKind | "account";
}

export interface FeedItemView {
  id: string;
  author: Author;
  at: number;
  text: string;
  hidden: boolean;
  deleted: boolean;
  edited: boolean;
  likes: number;
  shares: number;
  /** The trainee liked it. */
  liked: boolean;
  pinned: boolean;
  /** The trainee wrote it during this run. */
  mine: boolean;
  /** A persona's post that mentions the account. */
  mention: boolean;
  replies: FeedItemView[];
}

export interface MessageThread {
  persona: Author;
  messages: Array<{ from: "persona" | "account"; at: number; text: string }>;
}

/** A trainer's grade for a text that a trainer-judged rubric item scores. */
export interface TrainerGrade {
  item: string;
  actionIndex: number;
  points: number;
}

export interface ScoreLine {
  item: string;
  title: string;
  lesson: string;
  judged: "auto" | "trainer";
  /** The most the item is worth. */
  points: number;
  earned: number;
  /** Trainee texts for this item still waiting for a trainer's grade. */
  pending: number;
}

export interface ScoreView {
  items: ScoreLine[];
  total: number;
  max: number;
  passMark: number;
  /** Texts a trainer must grade; their points are not in `total` until graded. */
  pendingGrades: PendingGrade[];
}

/**
 * "awaiting-trainer": the run reached a passing outcome, and whether it reaches the pass mark
 * depends on grades a trainer has not given yet.
 */
export type RunStatus = "running" | "passed" | "failed" | "awaiting-trainer";

export interface EndingView {
  id: string;
  title: string;
  result: "passed" | "failed";
  debrief: string;
  at: number;
}

export type DebriefEntry = Decision;

export interface RunView {
  scenarioId: string;
  seed: string;
  at: number;
  status: RunStatus;
  ending: EndingView | null;
  beat: string;
  timeLeft: number;
  nextInjectAt: number | null;
  feed: FeedItemView[];
  messages: MessageThread[];
  notifications: NotificationState[];
  meters: { mood: number; reach: number };
  score: ScoreView;
  findings: TextFindings[];
  reports: RunContext["reports"];
  escalations: RunContext["escalations"];
  blocked: string[];
  debrief: DebriefEntry[];
  rejected: Array<{ index: number; reason: string }>;
}

const UNRESOLVED: Omit<EndingView, "at"> = {
  id: NO_ENDING,
  title: "No ending",
  result: "failed",
  debrief: "Time ran out at a point where the scenario has no ending.",
};

function authorOf(compiled: CompiledScenario, id: string): Author {
  const { scenario, personas } = compiled.index;
  if (id === ACCOUNT) {
    return { id, name: scenario.account.name, handle: scenario.account.handle, kind: "account" };
  }
  const persona = personas.get(id);
  return persona
    ? { id, name: persona.name, handle: persona.handle, kind: persona.kind }
    : { id, name: id, handle: "", kind: "other" };
}

function buildFeed(compiled: CompiledScenario, items: readonly FeedItemState[]): FeedItemView[] {
  const children = new Map<string | null, Array<{ view: FeedItemView; order: number }>>();
  const ids = new Set(items.map((item) => item.id));
  items.forEach((item, order) => {
    const { parent, ...rest } = item;
    const view: FeedItemView = { ...rest, author: authorOf(compiled, item.author), replies: [] };
    const key = parent !== null && ids.has(parent) ? parent : null;
    const siblings = children.get(key) ?? [];
    siblings.push({ view, order });
    children.set(key, siblings);
  });
  const thread = (parent: string | null, depth: number): FeedItemView[] => {
    const siblings = [...(children.get(parent) ?? [])];
    siblings.sort((a, b) =>
      depth === 0
        ? Number(b.view.pinned) - Number(a.view.pinned) ||
          b.view.at - a.view.at ||
          b.order - a.order
        : a.view.at - b.view.at || a.order - b.order,
    );
    for (const { view } of siblings) view.replies = thread(view.id, depth + 1);
    return siblings.map(({ view }) => view);
  };
  return thread(null, 0);
}

function buildScore(
  compiled: CompiledScenario,
  context: RunContext,
  grades: readonly TrainerGrade[],
): ScoreView {
  const { rubric } = compiled.index.scenario;
  const graded = (grade: PendingGrade) =>
    grades.find((g) => g.item === grade.item && g.actionIndex === grade.actionIndex);
  const items = rubric.items.map((item): ScoreLine => {
    if (item.judged === "auto") {
      return {
        item: item.id,
        title: item.title,
        lesson: item.lesson,
        judged: item.judged,
        points: item.points,
        earned: context.points[item.id] ?? 0,
        pending: 0,
      };
    }
    const mine = context.pending.filter((grade) => grade.item === item.id);
    const earned = mine.reduce((sum, grade) => {
      const given = graded(grade);
      return sum + (given ? Math.min(grade.max, Math.max(0, given.points)) : 0);
    }, 0);
    return {
      item: item.id,
      title: item.title,
      lesson: item.lesson,
      judged: item.judged,
      points: item.points,
      earned: Math.min(item.points, earned),
      pending: mine.filter((grade) => !graded(grade)).length,
    };
  });
  return {
    items,
    total: items.reduce((sum, line) => sum + line.earned, 0),
    max: items.reduce((sum, line) => sum + line.points, 0),
    passMark: rubric.passMark,
    pendingGrades: context.pending.filter((grade) => !graded(grade)),
  };
}

function statusOf(ending: EndingView | null, score: ScoreView): RunStatus {
  if (ending === null) return "running";
  if (ending.result === "failed") return "failed";
  if (score.total >= score.passMark) return "passed";
  const stillPossible = score.items.reduce(
    (sum, line) => sum + (line.pending > 0 ? line.points - line.earned : 0),
    0,
  );
  return score.total + stillPossible >= score.passMark ? "awaiting-trainer" : "failed";
}

export function buildView(
  compiled: CompiledScenario,
  context: RunContext,
  run: {
    at: number;
    grades: readonly TrainerGrade[];
    rejected: Array<{ index: number; reason: string }>;
  },
): RunView {
  const { scenario } = compiled.index;
  let ending: EndingView | null = null;
  if (context.ending !== null) {
    const outcome = scenario.outcomes.find((o) => o.id === context.ending) ?? UNRESOLVED;
    ending = {
      id: outcome.id,
      title: outcome.title,
      result: outcome.result,
      debrief: outcome.debrief,
      at: context.endedAt ?? scenario.duration,
    };
  }
  const score = buildScore(compiled, context, run.grades);
  const threads = new Map<string, MessageThread>();
  for (const message of context.messages) {
    const thread = threads.get(message.persona) ?? {
      persona: authorOf(compiled, message.persona),
      messages: [],
    };
    thread.messages.push({ from: message.from, at: message.at, text: message.text });
    threads.set(message.persona, thread);
  }
  return {
    scenarioId: scenario.id,
    seed: context.seed,
    at: run.at,
    status: statusOf(ending, score),
    ending,
    beat: context.beat,
    timeLeft: ending ? 0 : Math.max(0, scenario.duration - run.at),
    nextInjectAt: nextTimer(compiled, context)?.at ?? null,
    feed: buildFeed(compiled, context.items),
    messages: [...threads.values()],
    notifications: [...context.notifications].reverse(),
    meters: context.meters,
    score,
    findings: context.texts,
    reports: context.reports,
    escalations: context.escalations,
    blocked: context.blocked,
    debrief: context.decisions,
    rejected: run.rejected,
  };
}

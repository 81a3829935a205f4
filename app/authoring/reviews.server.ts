// The review queue: trainee texts from assessed runs that a `judged: trainer` rubric item
// scores, waiting for a trainer's grade. What is waiting is never stored: each candidate run is
// replayed with its grades, and the simulator's `score.pendingGrades` says what is left.
import { and, asc, eq, isNotNull, or, sql } from "drizzle-orm";
import { runActions, runs, scenarioVersions, trainerGrades, users } from "../../db/schema";
import {
  type FeedItemView,
  type Finding,
  replay,
  type Scenario,
  type TraineeAction,
} from "../../simulator";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import type { SessionUser } from "../auth/session.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { gradesFor, refreshRunSummary, scenarioOfVersion } from "../practice/runs.server";

/** Most runs replayed for one look at the queue, oldest first, so none waits forever. */
export const QUEUE_RUN_LIMIT = 200;

export interface ThreadLine {
  id: string;
  author: string;
  handle: string;
  text: string;
  depth: number;
  /** The trainee's text being graded. */
  graded: boolean;
  mine: boolean;
  hidden: boolean;
  deleted: boolean;
}

export interface ReviewItem {
  runId: string;
  trainee: string;
  scenarioTitle: string;
  endedAt: Date | null;
  runStatus: string;
  item: { id: string; title: string; max: number };
  actionIndex: number;
  action: TraineeAction["type"];
  /** When in the run the trainee wrote it (ms since the start). */
  at: number;
  text: string;
  findings: Finding[];
  /** Where the text sits: a public thread, or a direct message conversation. */
  context: { kind: "thread" | "messages" | "none"; title: string; lines: ThreadLine[] };
}

/**
 * Runs that can have texts waiting: assessed, ended, with a trainer-judged rubric item. A run
 * that is `awaiting-trainer` always qualifies; an ended run that failed anyway may still have
 * texts whose feedback the trainee should get.
 */
async function candidateRuns(limit: number, runId?: string) {
  const trainerItem = sql`${scenarioVersions.document} @> '{"rubric":{"items":[{"judged":"trainer"}]}}'::jsonb`;
  return db
    .select({
      id: runs.id,
      versionId: runs.scenarioVersionId,
      seed: runs.seed,
      status: runs.status,
      endedAt: runs.endedAt,
      trainee: users.name,
      title: scenarioVersions.title,
    })
    .from(runs)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, runs.scenarioVersionId))
    .innerJoin(users, eq(users.id, runs.userId))
    .where(
      and(
        eq(runs.mode, "assessed"),
        runId ? eq(runs.id, runId) : undefined,
        or(eq(runs.status, "awaiting-trainer"), and(isNotNull(runs.endedAt), trainerItem)),
      ),
    )
    .orderBy(asc(runs.endedAt), asc(runs.id))
    .limit(limit);
}

async function actionsOf(runId: string): Promise<TraineeAction[]> {
  const rows = await db
    .select({ action: runActions.action })
    .from(runActions)
    .where(eq(runActions.runId, runId))
    .orderBy(asc(runActions.seq));
  return rows.map((row) => row.action as TraineeAction);
}

type Candidate = Awaited<ReturnType<typeof candidateRuns>>[number];

/** The texts of one run still waiting for a grade, each with its thread and findings. */
async function waitingIn(run: Candidate): Promise<ReviewItem[]> {
  const scenario = await scenarioOfVersion(run.versionId);
  const [actions, grades] = await Promise.all([actionsOf(run.id), gradesFor(run.id)]);
  const view = replay({
    scenario,
    seed: run.seed,
    actions,
    at: scenario.duration,
    trainerGrades: grades,
  });
  const graded = new Set(grades.map((grade) => `${grade.actionIndex}/${grade.item}`));
  return view.score.pendingGrades
    .filter((pending) => !graded.has(`${pending.actionIndex}/${pending.item}`))
    .map((pending) => {
      const action = actions[pending.actionIndex];
      const rubric = scenario.rubric.items.find((item) => item.id === pending.item);
      return {
        runId: run.id,
        trainee: run.trainee,
        scenarioTitle: run.title,
        endedAt: run.endedAt,
        runStatus: view.status,
        item: { id: pending.item, title: rubric?.title ?? pending.item, max: pending.max },
        actionIndex: pending.actionIndex,
        action: action?.type ?? "reply",
        at: action?.at ?? 0,
        text: pending.text,
        findings:
          view.findings.find((entry) => entry.actionIndex === pending.actionIndex)?.findings ?? [],
        context: contextOf(scenario, view.feed, view.messages, action, pending.actionIndex),
      };
    });
}

function flatten(item: FeedItemView, depth: number, gradedId: string, out: ThreadLine[]) {
  out.push({
    id: item.id,
    author: item.author.name,
    handle: item.author.handle,
    text: item.text,
    depth,
    graded: item.id === gradedId,
    mine: item.mine,
    hidden: item.hidden,
    deleted: item.deleted,
  });
  for (const reply of item.replies) flatten(reply, depth + 1, gradedId, out);
}

function contains(item: FeedItemView, id: string): boolean {
  return item.id === id || item.replies.some((reply) => contains(reply, id));
}

/** The public thread the text is in (the whole post with its replies), or the DM conversation. */
function contextOf(
  scenario: Scenario,
  feed: FeedItemView[],
  messages: ReturnType<typeof replay>["messages"],
  action: TraineeAction | undefined,
  actionIndex: number,
): ReviewItem["context"] {
  if (action?.type === "message") {
    const thread = messages.find((conversation) => conversation.persona.id === action.persona);
    return {
      kind: "messages",
      title: `Direct messages with ${thread?.persona.name ?? action.persona}`,
      lines: (thread?.messages ?? []).map((message, index) => ({
        id: `message-${index}`,
        author: message.from === "account" ? scenario.account.name : (thread?.persona.name ?? ""),
        handle:
          message.from === "account" ? scenario.account.handle : (thread?.persona.handle ?? ""),
        text: message.text,
        depth: 0,
        graded: message.from === "account" && message.text === (action.text ?? ""),
        mine: message.from === "account",
        hidden: false,
        deleted: false,
      })),
    };
  }
  // A reply or post becomes `mine-<n>`; an edit changes its target.
  const id = action?.type === "edit" ? action.target : `mine-${actionIndex}`;
  const root = feed.find((post) => contains(post, id));
  if (!root) return { kind: "none", title: "The text is no longer in the feed", lines: [] };
  const lines: ThreadLine[] = [];
  flatten(root, 0, id, lines);
  return { kind: "thread", title: `Thread started by ${root.author.name}`, lines };
}

/** Everything waiting for a grade, oldest run first. */
export async function reviewQueue(limit = QUEUE_RUN_LIMIT): Promise<ReviewItem[]> {
  const candidates = await candidateRuns(limit);
  const items: ReviewItem[] = [];
  for (const run of candidates) items.push(...(await waitingIn(run)));
  return items;
}

export type GradeResult =
  | { ok: true; message: string }
  | { ok: false; status: 404 | 409; message: string };

/**
 * Records a trainer's grade of one waiting text: the item's full points when it meets the
 * standard, none when it does not, with feedback for the trainee. Only a text the replay says
 * is waiting can be graded, once; the run's summary is then brought up to date, which is what
 * certification reads.
 */
export async function gradeReply(
  user: SessionUser,
  input: { runId: string; actionIndex: number; item: string; meets: boolean; feedback: string },
): Promise<GradeResult> {
  const [run] = await candidateRuns(1, input.runId);
  if (!run) throw notFound();
  const waiting = await waitingIn(run);
  const target = waiting.find(
    (entry) => entry.actionIndex === input.actionIndex && entry.item.id === input.item,
  );
  if (!target) {
    const [existing] = await db
      .select({ by: users.name })
      .from(trainerGrades)
      .innerJoin(users, eq(users.id, trainerGrades.gradedBy))
      .where(
        and(
          eq(trainerGrades.runId, input.runId),
          eq(trainerGrades.actionIndex, input.actionIndex),
          eq(trainerGrades.rubricItem, input.item),
        ),
      );
    return existing
      ? {
          ok: false,
          status: 409,
          message: `${existing.by} has already graded this reply, so your grade was not saved.`,
        }
      : { ok: false, status: 404, message: "That reply is not waiting for a grade." };
  }
  const points = input.meets ? target.item.max : 0;
  const saved = await db.transaction(async (tx) => {
    const [grade] = await tx
      .insert(trainerGrades)
      .values({
        runId: input.runId,
        actionIndex: input.actionIndex,
        rubricItem: input.item,
        meets: input.meets,
        points,
        feedback: input.feedback,
        gradedBy: user.id,
        gradedAt: now(),
      })
      .onConflictDoNothing()
      .returning({ id: trainerGrades.id });
    if (!grade) return false;
    await recordAudit(tx, {
      actorId: user.id,
      action: "run.graded",
      subject: { type: "run", id: input.runId },
      details: { item: input.item, actionIndex: input.actionIndex, meets: input.meets, points },
    });
    return true;
  });
  if (!saved) {
    return {
      ok: false,
      status: 409,
      message: "Someone graded this reply a moment ago, so your grade was not saved.",
    };
  }
  await refreshRunSummary(input.runId);
  return {
    ok: true,
    message: `Graded: ${target.trainee}'s reply ${input.meets ? "meets" : "does not meet"} "${target.item.title}" (${points} of ${target.item.max} points). They will see your feedback in their debrief.`,
  };
}

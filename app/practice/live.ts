// What the trainee's browser is sent while a run is being played: the feed as the engine's
// replay has it now, without the score, the debrief or reply analysis (those wait for the
// debrief, so a trainee cannot play to the marking while the run is on).
import type { Author, FeedItemView, MessageThread, Notification, RunView } from "../../simulator";

export interface LiveView {
  at: number;
  status: RunView["status"];
  ending: { title: string; result: "passed" | "failed" } | null;
  timeLeft: number;
  nextInjectAt: number | null;
  feed: FeedItemView[];
  messages: MessageThread[];
  notifications: Notification[];
  meters: { mood: number; reach: number };
  blocked: string[];
  reported: string[];
  escalated: Array<{ target: string; team: string }>;
}

/** The state of a run the page keeps in step with the server. */
export interface LiveState {
  actionCount: number;
  /** The run's clock is stopped (practice and playtest only). */
  paused: boolean;
  view: LiveView;
}

export function toLiveView(view: RunView): LiveView {
  return {
    at: view.at,
    status: view.status,
    ending: view.ending ? { title: view.ending.title, result: view.ending.result } : null,
    timeLeft: view.timeLeft,
    nextInjectAt: view.nextInjectAt,
    feed: view.feed,
    messages: view.messages,
    notifications: view.notifications,
    meters: view.meters,
    blocked: view.blocked,
    reported: view.reports.map((report) => report.target),
    escalated: view.escalations.map(({ target, team }) => ({ target, team })),
  };
}

/** Whether `next` is at least as recent as `current`: more actions, or the same and later. */
export function isNewer(next: LiveState, current: LiveState): boolean {
  if (next.actionCount !== current.actionCount) return next.actionCount > current.actionCount;
  return next.view.at >= current.view.at;
}

export type Persona = Author;

/** What the run page knows about the run besides its live state. */
export interface RunMeta {
  id: string;
  mode: "practice" | "assessed" | "playtest";
  scenarioId: string;
  title: string;
  summary: string;
  account: { name: string; handle: string };
  duration: number;
  /** Practice and playtest runs may pause and skip ahead; assessed runs keep real time. */
  canControlClock: boolean;
  personas: Persona[];
}

/** Every item in a feed, threads flattened, for lookups by id. */
export function flattenFeed(feed: readonly FeedItemView[]): FeedItemView[] {
  const out: FeedItemView[] = [];
  const walk = (items: readonly FeedItemView[]) => {
    for (const item of items) {
      out.push(item);
      walk(item.replies);
    }
  };
  walk(feed);
  return out;
}

// Actions show in the feed the moment the trainee takes them, before the server answers. The
// server's view replaces this guess as soon as it arrives; a refused action simply disappears
// from the guess, and the page says why.
import type { FeedItemView } from "../../simulator";
import type { LiveView, Persona } from "./live";

/** A trainee action as the page sends it: the server stamps the time. */
export type ActionInput =
  | { type: "reply"; target: string; text: string }
  | { type: "post"; text: string }
  | { type: "edit"; target: string; text: string }
  | { type: "delete"; target: string }
  | { type: "hide"; target: string }
  | { type: "unhide"; target: string }
  | { type: "report"; target: string; reason: string }
  | { type: "block"; persona: string }
  | { type: "message"; persona: string; text: string }
  | { type: "escalate"; target: string; team: string; note: string }
  | { type: "like"; target: string }
  | { type: "pin"; target: string };

export interface PendingAction {
  key: number;
  action: ActionInput;
}

export const PENDING_PREFIX = "pending-";

function mapItems(
  items: readonly FeedItemView[],
  change: (item: FeedItemView) => FeedItemView,
): FeedItemView[] {
  return items.map((item) => {
    const changed = change(item);
    return { ...changed, replies: mapItems(changed.replies, change) };
  });
}

/** The view as it will most likely be once the pending actions are accepted. */
export function withPending(
  view: LiveView,
  pending: readonly PendingAction[],
  account: Persona,
  personas: readonly Persona[] = [],
): LiveView {
  let next = view;
  for (const { key, action } of pending) {
    const own = (text: string): FeedItemView => ({
      id: `${PENDING_PREFIX}${key}`,
      author: account,
      at: next.at,
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
      replies: [],
    });
    const update = (target: string, change: (item: FeedItemView) => FeedItemView) => ({
      ...next,
      feed: mapItems(next.feed, (item) => (item.id === target ? change(item) : item)),
    });
    switch (action.type) {
      case "post":
        next = { ...next, feed: [own(action.text), ...next.feed] };
        break;
      case "reply":
        next = update(action.target, (item) => ({
          ...item,
          replies: [...item.replies, own(action.text)],
        }));
        break;
      case "edit":
        next = update(action.target, (item) => ({ ...item, text: action.text, edited: true }));
        break;
      case "delete":
        next = update(action.target, (item) => ({ ...item, deleted: true }));
        break;
      case "hide":
        next = update(action.target, (item) => ({ ...item, hidden: true }));
        break;
      case "unhide":
        next = update(action.target, (item) => ({ ...item, hidden: false }));
        break;
      case "like":
        next = update(action.target, (item) => ({ ...item, liked: true, likes: item.likes + 1 }));
        break;
      case "pin":
        next = update(action.target, (item) => ({ ...item, pinned: true }));
        break;
      case "report":
        next = { ...next, reported: [...next.reported, action.target] };
        break;
      case "escalate":
        next = {
          ...next,
          escalated: [...next.escalated, { target: action.target, team: action.team }],
        };
        break;
      case "block":
        next = { ...next, blocked: [...next.blocked, action.persona] };
        break;
      case "message": {
        const message = { from: "account" as const, at: next.at, text: action.text };
        const exists = next.messages.some((thread) => thread.persona.id === action.persona);
        next = {
          ...next,
          messages: exists
            ? next.messages.map((thread) =>
                thread.persona.id === action.persona
                  ? { ...thread, messages: [...thread.messages, message] }
                  : thread,
              )
            : [
                ...next.messages,
                {
                  persona: personas.find((persona) => persona.id === action.persona) ?? {
                    id: action.persona,
                    name: action.persona,
                    handle: "",
                    kind: "other",
                  },
                  messages: [message],
                },
              ],
        };
        break;
      }
    }
  }
  return next;
}

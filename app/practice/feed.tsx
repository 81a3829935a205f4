// The sandbox social network: posts, threaded replies, avatars, the composer and the menus on
// each item. Used live on the run page and read-only on the replay page.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import type { FeedItemView } from "../../simulator";
import { avatarColour, initials, REPORT_REASON_NAMES, relativeTime, TEAM_NAMES } from "./format";
import type { Persona } from "./live";
import { type ActionInput, PENDING_PREFIX } from "./optimistic";

export const POST_LIMIT = 280;

export function Avatar({
  author,
  size = "normal",
}: {
  author: Persona;
  size?: "normal" | "large";
}) {
  return (
    <span
      className={`avatar${size === "large" ? " avatar--large" : ""}`}
      style={{ background: avatarColour(author.id) }}
      aria-hidden="true"
    >
      {initials(author.name)}
    </span>
  );
}

/** A text box with a live character count, as social networks have. */
export function Composer({
  label,
  submitLabel,
  onSubmit,
  initial = "",
  autoFocus = false,
  onCancel,
  disabled = false,
}: {
  label: string;
  submitLabel: string;
  onSubmit: (text: string) => void;
  initial?: string;
  autoFocus?: boolean;
  onCancel?: () => void;
  disabled?: boolean;
}) {
  const id = useId();
  const [text, setText] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const left = POST_LIMIT - text.length;
  // Announce only at thresholds: a count read out on every key press drowns everything else.
  const announce =
    left < 0
      ? `${-left} character${left === -1 ? "" : "s"} over the limit`
      : left <= 20
        ? `${left} character${left === 1 ? "" : "s"} left`
        : "";
  return (
    <form
      className="composer"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === "") {
          setError("Write something first.");
          ref.current?.focus();
          return;
        }
        setError(null);
        onSubmit(text);
        setText("");
      }}
    >
      <label htmlFor={`${id}-text`} className="composer__label">
        {label}
      </label>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <textarea
        id={`${id}-text`}
        ref={ref}
        value={text}
        rows={3}
        aria-describedby={`${id}-count${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape" && onCancel) onCancel();
        }}
      />
      <div className="composer__bar">
        <span
          id={`${id}-count`}
          className={`composer__count${left < 0 ? " composer__count--over" : left <= 20 ? " composer__count--near" : ""}`}
        >
          {left < 0 ? `${-left} over the ${POST_LIMIT}-character limit` : `${left} characters left`}
        </span>
        <span className="visually-hidden" aria-live="polite">
          {announce}
        </span>
        <span className="composer__buttons">
          {onCancel ? (
            <button type="button" className="button button--secondary" onClick={onCancel}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="button" disabled={disabled}>
            {submitLabel}
          </button>
        </span>
      </div>
    </form>
  );
}

export interface FeedHandlers {
  act: (action: ActionInput) => void;
  report: (item: FeedItemView) => void;
  escalate: (item: FeedItemView) => void;
  message: (persona: Persona) => void;
  edit: (item: FeedItemView) => void;
}

interface FeedContext {
  now: number;
  handlers: FeedHandlers | null;
  fresh: ReadonlySet<string>;
  reported: ReadonlySet<string>;
  escalated: ReadonlyMap<string, string[]>;
  blocked: ReadonlySet<string>;
  disabled: boolean;
}

export function FeedList({
  feed,
  now,
  handlers = null,
  fresh = new Set(),
  reported = [],
  escalated = [],
  blocked = [],
  disabled = false,
  label,
}: {
  feed: FeedItemView[];
  now: number;
  handlers?: FeedHandlers | null;
  fresh?: ReadonlySet<string>;
  reported?: readonly string[];
  escalated?: ReadonlyArray<{ target: string; team: string }>;
  blocked?: readonly string[];
  disabled?: boolean;
  label: string;
}) {
  const teams = new Map<string, string[]>();
  for (const { target, team } of escalated) teams.set(target, [...(teams.get(target) ?? []), team]);
  const context: FeedContext = {
    now,
    handlers,
    fresh,
    reported: new Set(reported),
    escalated: teams,
    blocked: new Set(blocked),
    disabled,
  };
  if (feed.length === 0) return <p className="feed__empty">Nothing has been posted yet.</p>;
  return (
    <ol className="feed" aria-label={label}>
      {feed.map((item) => (
        <li key={item.id}>
          <FeedItemCard item={item} depth={0} context={context} />
        </li>
      ))}
    </ol>
  );
}

function FeedItemCard({
  item,
  depth,
  context,
}: {
  item: FeedItemView;
  depth: number;
  context: FeedContext;
}) {
  const [replying, setReplying] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const { handlers, now, disabled } = context;
  const own = item.author.kind === "account";
  const pending = item.id.startsWith(PENDING_PREFIX);
  const kind = depth === 0 ? "post" : "comment";
  const who = own ? "your account" : item.author.name;
  const when = relativeTime(item.at, now);
  const teams = context.escalated.get(item.id) ?? [];
  const headingId = `${menuId}-by`;
  const act = (action: ActionInput) => {
    setMenuOpen(false);
    handlers?.act(action);
  };

  return (
    <article
      className={[
        "feed-item",
        depth === 0 ? "feed-item--post" : "feed-item--reply",
        context.fresh.has(item.id) ? "feed-item--fresh" : "",
        item.hidden ? "feed-item--hidden" : "",
        pending ? "feed-item--pending" : "",
      ]
        .filter(Boolean)
        .join(" ")}
      aria-labelledby={headingId}
      data-item={item.id}
    >
      <Avatar author={item.author} />
      <div className="feed-item__body">
        <p className="feed-item__byline" id={headingId}>
          <span className="feed-item__name">{item.author.name}</span>{" "}
          <span className="feed-item__handle">{item.author.handle}</span>
          <span aria-hidden="true"> · </span>
          <span className="visually-hidden">, </span>
          <span className="feed-item__time" title={when.long}>
            <span aria-hidden="true">{when.short}</span>
            <span className="visually-hidden">{when.long}</span>
          </span>
          {item.pinned ? <span className="tag">Pinned</span> : null}
          {item.mention ? <span className="tag">Mentions you</span> : null}
          {item.edited ? <span className="tag">Edited</span> : null}
          {pending ? <span className="tag">Sending…</span> : null}
        </p>
        {item.deleted ? (
          <p className="feed-item__text feed-item__text--gone">You deleted this.</p>
        ) : (
          <p className="feed-item__text">{item.text}</p>
        )}
        {item.hidden ? (
          <p className="feed-item__note">
            Hidden: only {item.author.name} and their friends see this.
          </p>
        ) : null}
        {context.reported.has(item.id) || teams.length > 0 ? (
          <p className="feed-item__note">
            {context.reported.has(item.id) ? "Reported to the platform. " : ""}
            {teams.length > 0
              ? `Escalated to: ${teams.map((team) => TEAM_NAMES[team] ?? team).join(", ")}.`
              : ""}
          </p>
        ) : null}
        <p className="feed-item__counts">
          <span>
            {item.likes} like{item.likes === 1 ? "" : "s"}
            {item.liked ? " (including yours)" : ""}
          </span>
          <span>
            {item.shares} share{item.shares === 1 ? "" : "s"}
          </span>
        </p>
        {handlers && !item.deleted && !pending ? (
          <div className="feed-item__actions">
            <button
              type="button"
              className="chip"
              aria-expanded={replying}
              aria-label={`Reply to ${who}`}
              onClick={() => setReplying((open) => !open)}
              disabled={disabled}
            >
              Reply
            </button>
            <button
              type="button"
              className="chip"
              aria-pressed={item.liked}
              aria-label={`Like ${kind} by ${who}`}
              onClick={() => act({ type: "like", target: item.id })}
              disabled={disabled || item.liked}
            >
              {item.liked ? "Liked" : "Like"}
            </button>
            <button
              type="button"
              className="chip"
              aria-expanded={menuOpen}
              aria-controls={`${menuId}-menu`}
              aria-label={`More actions for the ${kind} by ${who}`}
              onClick={() => setMenuOpen((open) => !open)}
              disabled={disabled}
            >
              More <span aria-hidden="true">▾</span>
            </button>
            {menuOpen ? (
              <ul className="item-menu" id={`${menuId}-menu`}>
                {own ? (
                  <>
                    <MenuButton
                      label={`Edit ${kind} by your account`}
                      onClick={() => {
                        setMenuOpen(false);
                        handlers.edit(item);
                      }}
                    >
                      Edit
                    </MenuButton>
                    <MenuButton
                      label={`Delete ${kind} by your account`}
                      onClick={() => act({ type: "delete", target: item.id })}
                    >
                      Delete
                    </MenuButton>
                    {depth === 0 && !item.pinned ? (
                      <MenuButton
                        label="Pin post to the top of your page"
                        onClick={() => act({ type: "pin", target: item.id })}
                      >
                        Pin to top
                      </MenuButton>
                    ) : null}
                  </>
                ) : (
                  <>
                    {depth > 0 ? (
                      item.hidden ? (
                        <MenuButton
                          label={`Unhide comment by ${who}`}
                          onClick={() => act({ type: "unhide", target: item.id })}
                        >
                          Unhide
                        </MenuButton>
                      ) : (
                        <MenuButton
                          label={`Hide comment by ${who}`}
                          onClick={() => act({ type: "hide", target: item.id })}
                        >
                          Hide
                        </MenuButton>
                      )
                    ) : null}
                    {!context.reported.has(item.id) ? (
                      <MenuButton
                        label={`Report ${kind} by ${who}`}
                        onClick={() => {
                          setMenuOpen(false);
                          handlers.report(item);
                        }}
                      >
                        Report…
                      </MenuButton>
                    ) : null}
                    {!context.blocked.has(item.author.id) ? (
                      <MenuButton
                        label={`Block ${who}`}
                        onClick={() => act({ type: "block", persona: item.author.id })}
                      >
                        Block {item.author.name}
                      </MenuButton>
                    ) : null}
                    <MenuButton
                      label={`Send a direct message to ${who}`}
                      onClick={() => {
                        setMenuOpen(false);
                        handlers.message(item.author);
                      }}
                    >
                      Message {item.author.name}
                    </MenuButton>
                  </>
                )}
                <MenuButton
                  label={`Escalate ${kind} by ${who} to a team`}
                  onClick={() => {
                    setMenuOpen(false);
                    handlers.escalate(item);
                  }}
                >
                  Escalate…
                </MenuButton>
              </ul>
            ) : null}
          </div>
        ) : null}
        {replying && handlers ? (
          <Composer
            label={`Your reply to ${who}`}
            submitLabel="Reply"
            autoFocus
            onCancel={() => setReplying(false)}
            onSubmit={(text) => {
              setReplying(false);
              handlers.act({ type: "reply", target: item.id, text });
            }}
          />
        ) : null}
        {item.replies.length > 0 ? (
          <ol className="feed-item__replies" aria-label={`Replies to ${who}`}>
            {item.replies.map((reply) => (
              <li key={reply.id}>
                <FeedItemCard item={reply} depth={depth + 1} context={context} />
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </article>
  );
}

function MenuButton({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <li>
      <button type="button" className="item-menu__button" aria-label={label} onClick={onClick}>
        {children}
      </button>
    </li>
  );
}

/** A modal dialog (the browser's own, so focus stays inside and Escape closes it). */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      {open ? (
        <>
          <h2 id={`${id}-title`}>{title}</h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

export const REPORT_REASONS = Object.keys(REPORT_REASON_NAMES);
export const TEAMS = Object.keys(TEAM_NAMES);

// The run page in the browser: the feed kept in step with the server. Actions show at once
// and are replaced by the server's answer; new items arrive by polling, timed by when the
// engine says the scenario next moves on, and are announced politely and highlighted.
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { FeedItemView } from "../../simulator";
import {
  Avatar,
  Composer,
  Dialog,
  type FeedHandlers,
  FeedList,
  REPORT_REASONS,
  TEAMS,
} from "./feed";
import { clockText, REPORT_REASON_NAMES, relativeTime, TEAM_NAMES } from "./format";
import { flattenFeed, isNewer, type LiveState, type Persona, type RunMeta } from "./live";
import { type ActionInput, type PendingAction, withPending } from "./optimistic";

type Answer = { ok: true; state: LiveState } | { ok: false; reason: string };

async function send(url: string, body: unknown): Promise<Answer> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
    const json = await response.json().catch(() => null);
    if (response.ok && json) return { ok: true, state: json as LiveState };
    return {
      ok: false,
      reason: json?.reason ?? `The server could not take that (error ${response.status}).`,
    };
  } catch {
    return {
      ok: false,
      reason: "We could not reach the server. Check your connection and try again.",
    };
  }
}

type DialogState =
  | { kind: "report" | "escalate" | "edit"; item: FeedItemView }
  | { kind: "message"; persona: Persona }
  | null;

const FRESH_FOR_MS = 8000;
const MAX_POLL_MS = 10_000;

export function RunPage({ run, initial }: { run: RunMeta; initial: LiveState }) {
  const url = `/practice/runs/${run.id}/live`;
  const account: Persona = { id: "account", ...run.account, kind: "account" };
  // The server's latest state, and when it arrived (the clock on screen counts on from there).
  const [current, setCurrent] = useState<{ live: LiveState; receivedAt: number | null }>({
    live: initial,
    receivedAt: null,
  });
  const { live, receivedAt } = current;
  const [pending, setPending] = useState<PendingAction[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [, setTick] = useState(0);
  const [busy, setBusy] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const nextKey = useRef(0);
  const seen = useRef<{ items: Set<string>; messages: number } | null>(null);
  const debriefLink = useRef<HTMLAnchorElement>(null);

  const accept = useCallback((next: LiveState) => {
    setCurrent((before) =>
      isNewer(next, before.live) ? { live: next, receivedAt: Date.now() } : before,
    );
  }, []);

  // The page was loaded again (a revalidation, another tab's action): take the newer state.
  useEffect(() => accept(initial), [initial, accept]);

  // Spot what arrived by itself since the last state, announce it and highlight it.
  useEffect(() => {
    const items = flattenFeed(live.view.feed);
    const messageCount = live.view.messages.reduce(
      (sum, thread) => sum + thread.messages.filter((m) => m.from === "persona").length,
      0,
    );
    const before = seen.current;
    seen.current = { items: new Set(items.map((item) => item.id)), messages: messageCount };
    if (!before) return;
    const arrived = items.filter((item) => !before.items.has(item.id) && !item.mine);
    const news: string[] = arrived.map(
      (item) => `${item.author.name} ${item.mention ? "mentioned you" : "posted"}: ${item.text}`,
    );
    if (messageCount > before.messages) {
      news.push(
        `${messageCount - before.messages} new direct message${messageCount - before.messages === 1 ? "" : "s"}.`,
      );
    }
    if (news.length === 0) return;
    setAnnouncement(`New: ${news.join(" ")}`);
    const ids = arrived.map((item) => item.id);
    setFresh((current) => new Set([...current, ...ids]));
    // Not cleared when the state moves on: each highlight fades on its own schedule.
    setTimeout(() => {
      setFresh((current) => new Set([...current].filter((id) => !ids.includes(id))));
    }, FRESH_FOR_MS);
  }, [live]);

  const running = live.view.status === "running";

  // Ask again when the engine says something happens next (and at least every few seconds,
  // so an action taken in another tab shows up too).
  useEffect(() => {
    if (!running || receivedAt === null) return;
    const { at, nextInjectAt } = live.view;
    const wait = live.paused
      ? MAX_POLL_MS
      : Math.min(MAX_POLL_MS, Math.max(250, (nextInjectAt ?? at + MAX_POLL_MS) - at + 150));
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(url, { headers: { Accept: "application/json" } });
        if (response.ok) {
          accept((await response.json()) as LiveState);
          return;
        }
      } catch {
        // Offline for a moment: try again after the usual wait.
      }
      // A fresh object (same state) schedules the next poll.
      setCurrent((before) => ({ ...before }));
    }, wait);
    return () => clearTimeout(timer);
  }, [live, receivedAt, running, url, accept]);

  // The clock on screen ticks between answers from the server.
  useEffect(() => {
    if (!running || live.paused) return;
    const timer = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [running, live.paused]);

  useEffect(() => {
    if (!running) debriefLink.current?.focus();
  }, [running]);

  const act = useCallback(
    async (action: ActionInput) => {
      const key = ++nextKey.current;
      setError(null);
      setPending((list) => [...list, { key, action }]);
      const answer = await send(url, { kind: "action", action });
      setPending((list) => list.filter((entry) => entry.key !== key));
      if (answer.ok) accept(answer.state);
      else setError(answer.reason);
    },
    [url, accept],
  );

  const clock = async (command: "pause" | "resume" | "skip") => {
    setBusy(true);
    setError(null);
    const answer = await send(url, { kind: "clock", command });
    setBusy(false);
    if (answer.ok) accept(answer.state);
    else setError(answer.reason);
  };

  const view = withPending(live.view, pending, account, run.personas);
  const simNow =
    running && !live.paused && receivedAt !== null
      ? Math.min(run.duration, live.view.at + (Date.now() - receivedAt))
      : live.view.at;
  const timeLeft = running ? Math.max(0, run.duration - simNow) : 0;

  const handlers: FeedHandlers | null = running
    ? {
        act: (action) => void act(action),
        report: (item) => setDialog({ kind: "report", item }),
        escalate: (item) => setDialog({ kind: "escalate", item }),
        message: (persona) => setDialog({ kind: "message", persona }),
        edit: (item) => setDialog({ kind: "edit", item }),
      }
    : null;
  const closeDialog = () => setDialog(null);
  const modeName =
    run.mode === "assessed"
      ? "Assessed run"
      : run.mode === "playtest"
        ? "Play-test"
        : "Practice run";

  return (
    <div className="run-page">
      <header className="account-header">
        <Avatar author={account} size="large" />
        <div>
          <h1 className="account-header__name">{run.account.name}</h1>
          <p className="account-header__handle">{run.account.handle}</p>
          <p className="account-header__scenario">
            <span className="tag">{modeName}</span> {run.title}
          </p>
        </div>
      </header>

      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>
      <div role="alert" className={error ? "alert alert--error" : undefined}>
        {error ? (
          <>
            <strong>That was not done.</strong> {error}
          </>
        ) : null}
      </div>

      {!running ? (
        <section className="alert alert--success run-over" aria-labelledby="run-over-heading">
          <h2 id="run-over-heading">
            The run has ended{view.ending ? `: ${view.ending.title}` : ""}
          </h2>
          <p>See how you did, decision by decision, and what to read next.</p>
          <p>
            <Link ref={debriefLink} className="button" to={`/practice/runs/${run.id}/debrief`}>
              See your debrief
            </Link>
          </p>
        </section>
      ) : null}

      <div className="run-layout">
        <section className="run-status" aria-label="Run status">
          <dl className="run-status__figures">
            <div>
              <dt>Simulated time</dt>
              <dd>
                <span className="run-status__clock">{clockText(simNow)}</span>
                {live.paused && running ? <span className="tag">Paused</span> : null}
              </dd>
            </div>
            <div>
              <dt>Time left</dt>
              <dd>{clockText(timeLeft)}</dd>
            </div>
            <div>
              <dt>Reach</dt>
              <dd>{view.meters.reach.toLocaleString("en-GB")} people</dd>
            </div>
          </dl>
          <div className="mood">
            <label htmlFor={`mood-${run.id}`}>Public mood</label>
            <meter
              id={`mood-${run.id}`}
              min={0}
              max={100}
              low={35}
              high={65}
              optimum={90}
              value={view.meters.mood}
            >
              {view.meters.mood} out of 100
            </meter>
            <span className="mood__value">{view.meters.mood} / 100</span>
          </div>
          {run.canControlClock && running ? (
            <div className="actions">
              {live.paused ? (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => clock("resume")}
                >
                  Resume
                </button>
              ) : (
                <button
                  type="button"
                  className="button button--secondary"
                  disabled={busy}
                  onClick={() => clock("pause")}
                >
                  Pause
                </button>
              )}
              <button
                type="button"
                className="button button--secondary"
                disabled={busy || live.view.nextInjectAt === null}
                onClick={() => clock("skip")}
              >
                Skip to what happens next
              </button>
            </div>
          ) : null}
          {run.mode === "assessed" ? (
            <p className="hint">This run counts: it keeps real time and cannot be paused.</p>
          ) : null}
        </section>

        <section className="run-feed" aria-labelledby="feed-heading">
          <h2 id="feed-heading" className="visually-hidden">
            Your page
          </h2>
          {running ? (
            <Composer
              label="Post something new from your account"
              submitLabel="Post"
              onSubmit={(text) => void act({ type: "post", text })}
            />
          ) : null}
          <FeedList
            feed={view.feed}
            now={simNow}
            handlers={handlers}
            fresh={fresh}
            reported={view.reported}
            escalated={view.escalated}
            blocked={view.blocked}
            label="Posts on your page, newest first"
          />
        </section>

        <aside className="run-side" aria-label="Notifications and messages">
          <section aria-labelledby="notifications-heading" className="panel">
            <h2 id="notifications-heading">
              Notifications <span className="count">{view.notifications.length}</span>
            </h2>
            {view.notifications.length === 0 ? (
              <p className="hint">Nothing yet.</p>
            ) : (
              <ul className="notifications">
                {view.notifications.map((note) => (
                  <li key={`${note.at}-${note.kind}-${note.item ?? note.persona ?? ""}`}>
                    <span className="notifications__text">{note.text}</span>{" "}
                    <span className="notifications__time">
                      {relativeTime(note.at, simNow).long}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="messages-heading" className="panel">
            <h2 id="messages-heading">Direct messages</h2>
            {view.messages.length === 0 ? (
              <p className="hint">
                No messages. To message someone, use More on one of their posts.
              </p>
            ) : (
              <ul className="threads">
                {view.messages.map((thread) => (
                  <li key={thread.persona.id} className="thread">
                    <h3 className="thread__who">
                      <Avatar author={thread.persona} /> {thread.persona.name}{" "}
                      <span className="feed-item__handle">{thread.persona.handle}</span>
                    </h3>
                    <ol
                      className="thread__messages"
                      aria-label={`Messages with ${thread.persona.name}`}
                    >
                      {thread.messages.map((message, index) => (
                        <li
                          // Messages are never edited or removed, so their position is stable.
                          // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
                          key={index}
                          className={`message message--${message.from}`}
                        >
                          <span className="visually-hidden">
                            {message.from === "account" ? "You" : thread.persona.name}:{" "}
                          </span>
                          {message.text}
                        </li>
                      ))}
                    </ol>
                    {running && !view.blocked.includes(thread.persona.id) ? (
                      <Composer
                        label={`Reply to ${thread.persona.name} privately`}
                        submitLabel="Send"
                        onSubmit={(text) =>
                          void act({ type: "message", persona: thread.persona.id, text })
                        }
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>

      <Dialog open={dialog?.kind === "report"} title="Report to the platform" onClose={closeDialog}>
        {dialog?.kind === "report" ? (
          <ReportForm
            item={dialog.item}
            onCancel={closeDialog}
            onSubmit={(reason) => {
              closeDialog();
              void act({ type: "report", target: dialog.item.id, reason });
            }}
          />
        ) : null}
      </Dialog>
      <Dialog open={dialog?.kind === "escalate"} title="Escalate to a team" onClose={closeDialog}>
        {dialog?.kind === "escalate" ? (
          <EscalateForm
            item={dialog.item}
            onCancel={closeDialog}
            onSubmit={(team, note) => {
              closeDialog();
              void act({ type: "escalate", target: dialog.item.id, team, note });
            }}
          />
        ) : null}
      </Dialog>
      <Dialog
        open={dialog?.kind === "message"}
        title={dialog?.kind === "message" ? `Message ${dialog.persona.name}` : "Message"}
        onClose={closeDialog}
      >
        {dialog?.kind === "message" ? (
          <Composer
            label={`Private message to ${dialog.persona.name} (${dialog.persona.handle})`}
            submitLabel="Send message"
            autoFocus
            onCancel={closeDialog}
            onSubmit={(text) => {
              closeDialog();
              void act({ type: "message", persona: dialog.persona.id, text });
            }}
          />
        ) : null}
      </Dialog>
      <Dialog open={dialog?.kind === "edit"} title="Edit your post" onClose={closeDialog}>
        {dialog?.kind === "edit" ? (
          <Composer
            label="Your post"
            submitLabel="Save changes"
            initial={dialog.item.text}
            autoFocus
            onCancel={closeDialog}
            onSubmit={(text) => {
              closeDialog();
              void act({ type: "edit", target: dialog.item.id, text });
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}

function Quote({ item }: { item: FeedItemView }) {
  return (
    <blockquote className="dialog__quote">
      <p>
        <strong>{item.author.name}</strong> {item.author.handle}
      </p>
      <p>{item.text}</p>
    </blockquote>
  );
}

function ReportForm({
  item,
  onSubmit,
  onCancel,
}: {
  item: FeedItemView;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState<string | null>(null);
  const [error, setError] = useState(false);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason) setError(true);
        else onSubmit(reason);
      }}
    >
      <Quote item={item} />
      <fieldset aria-describedby={error ? "report-reason-error" : undefined}>
        <legend>Why are you reporting it?</legend>
        {error ? (
          <p className="field-error" id="report-reason-error">
            <span className="visually-hidden">Error:</span> Choose a reason
          </p>
        ) : null}
        {REPORT_REASONS.map((value, index) => (
          <div className="choice" key={value}>
            <input
              type="radio"
              id={`report-reason-${value}`}
              name="reason"
              value={value}
              checked={reason === value}
              onChange={() => setReason(value)}
              // biome-ignore lint/a11y/noAutofocus: the dialog's first field, as the platform's own
              autoFocus={index === 0}
            />
            <label htmlFor={`report-reason-${value}`}>{REPORT_REASON_NAMES[value]}</label>
          </div>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" className="button">
          Report
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function EscalateForm({
  item,
  onSubmit,
  onCancel,
}: {
  item: FeedItemView;
  onSubmit: (team: string, note: string) => void;
  onCancel: () => void;
}) {
  const [team, setTeam] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<{ team?: string; note?: string }>({});
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const found = {
          team: team ? undefined : "Choose a team",
          note: note.trim() ? undefined : "Add a note for the team",
        };
        setErrors(found);
        if (!found.team && !found.note) onSubmit(team, note);
      }}
    >
      <Quote item={item} />
      <div className="field">
        <label htmlFor="escalate-team">Team</label>
        {errors.team ? (
          <p className="field-error" id="escalate-team-error">
            <span className="visually-hidden">Error:</span> {errors.team}
          </p>
        ) : null}
        <select
          id="escalate-team"
          value={team}
          aria-invalid={errors.team ? true : undefined}
          aria-describedby={errors.team ? "escalate-team-error" : undefined}
          onChange={(event) => setTeam(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the dialog's first field
          autoFocus
        >
          <option value="">Choose a team</option>
          {TEAMS.map((value) => (
            <option key={value} value={value}>
              {TEAM_NAMES[value]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="escalate-note">Note for the team</label>
        <p className="hint" id="escalate-note-hint">
          Internal: the public never sees it. Say what happened and what you need.
        </p>
        {errors.note ? (
          <p className="field-error" id="escalate-note-error">
            <span className="visually-hidden">Error:</span> {errors.note}
          </p>
        ) : null}
        <textarea
          id="escalate-note"
          rows={3}
          value={note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={`escalate-note-hint${errors.note ? " escalate-note-error" : ""}`}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button">
          Escalate
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { requireAccess } from "~/auth/guard.server";
import { formatDateTime } from "~/learn/format";
import { FeedList } from "~/practice/feed";
import { clockText } from "~/practice/format";
import { replayQuery } from "~/practice/forms";
import { replayFor } from "~/practice/runs.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Replay: ${data?.scenario.title ?? "run"} – Practice – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId.replay");
  const { runId } = requireParams(args.params, { runId: "uuid" });
  const query = replayQuery.safeParse(Object.fromEntries(new URL(args.request.url).searchParams));
  // A nonsense time is not worth an error page: show the end of the run.
  const at = query.success && query.data.at !== undefined ? query.data.at * 1000 : null;
  return replayFor(user, runId, at);
}

function describeAction(action: { type: string } & Record<string, unknown>): string {
  const target = typeof action.target === "string" ? ` ${action.target}` : "";
  const persona = typeof action.persona === "string" ? ` ${action.persona}` : "";
  const extra =
    typeof action.reason === "string"
      ? ` (${action.reason})`
      : typeof action.team === "string"
        ? ` to ${action.team}`
        : "";
  return `${action.type}${target}${persona}${extra}`;
}

export default function ReplayPage() {
  const page = useLoaderData<typeof loader>();
  const submit = useSubmit();
  const loading = useNavigation().state === "loading";
  const [seconds, setSeconds] = useState(Math.floor(page.at / 1000));
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => setSeconds(Math.floor(page.at / 1000)), [page.at]);
  const endSeconds = Math.ceil(page.end / 1000);
  const markSeconds = page.marks.map((mark) => Math.floor(mark / 1000));
  const previous = [...markSeconds].reverse().find((mark) => mark < Math.floor(page.at / 1000));
  const next = markSeconds.find((mark) => mark > Math.floor(page.at / 1000));
  const textOf = (action: Record<string, unknown>) =>
    typeof action.text === "string"
      ? action.text
      : typeof action.note === "string"
        ? action.note
        : null;

  return (
    <div className="stack replay">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/practice">Practice</Link>
          </li>
        </ol>
      </nav>
      <h1>Replay: {page.scenario.title}</h1>
      <p className="lede">
        {page.trainee}'s {page.run.mode} run, started {formatDateTime(page.run.startedAt)}.{" "}
        {page.run.ending ? `Ended: ${page.run.ending.title}.` : "Still running."} Read-only.
      </p>
      {page.run.ending ? (
        <p>
          <Link to={`/practice/runs/${page.run.id}/debrief`}>Read the debrief</Link>
        </p>
      ) : null}

      <Form method="get" ref={form} className="replay__controls" aria-busy={loading}>
        <label htmlFor="replay-at">
          Time in the run: <strong>{clockText(seconds * 1000)}</strong> of {clockText(page.end)}
        </label>
        <input
          id="replay-at"
          type="range"
          name="at"
          min={0}
          max={endSeconds}
          step={1}
          value={seconds}
          aria-valuetext={`${clockText(seconds * 1000)} of ${clockText(page.end)}`}
          onChange={(event) => {
            setSeconds(Number(event.target.value));
            submit(event.currentTarget.form, { replace: true, preventScrollReset: true });
          }}
        />
        <div className="actions">
          {previous !== undefined ? (
            <Link
              className="button button--secondary"
              to={`?at=${previous}`}
              replace
              preventScrollReset
            >
              Previous action
            </Link>
          ) : null}
          {next !== undefined ? (
            <Link
              className="button button--secondary"
              to={`?at=${next}`}
              replace
              preventScrollReset
            >
              Next action
            </Link>
          ) : null}
          <noscript>
            <button type="submit" className="button">
              Show this moment
            </button>
          </noscript>
        </div>
      </Form>

      <div className="replay__layout">
        <section aria-labelledby="replay-feed-heading">
          <h2 id="replay-feed-heading">The page at {clockText(page.at)}</h2>
          <p>
            Public mood {page.view.meters.mood} / 100; reach{" "}
            {page.view.meters.reach.toLocaleString("en-GB")}; score {page.view.score.total} out of{" "}
            {page.view.score.max} (pass mark {page.view.score.passMark}); beat “{page.view.beat}”.
          </p>
          <FeedList feed={page.view.feed} now={page.at} label={`Posts at ${clockText(page.at)}`} />
          {page.view.messages.length > 0 ? (
            <>
              <h3>Direct messages</h3>
              <ul>
                {page.view.messages.map((thread) =>
                  thread.messages.map((message, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: append-only
                    <li key={`${thread.persona.id}-${index}`}>
                      {message.from === "account" ? "Trainee" : thread.persona.name} to{" "}
                      {message.from === "account" ? thread.persona.name : "the account"} at{" "}
                      {clockText(message.at)}: {message.text}
                    </li>
                  )),
                )}
              </ul>
            </>
          ) : null}
        </section>
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">Every action</h2>
          {page.actions.length === 0 ? (
            <p>No actions were taken.</p>
          ) : (
            <ol className="timeline">
              {page.actions.map((entry) => {
                const text = textOf(entry.action as Record<string, unknown>);
                const past = entry.action.at <= page.at;
                return (
                  <li
                    key={entry.index}
                    className={`timeline__entry${past ? "" : " timeline__entry--future"}`}
                  >
                    <p className="timeline__when">
                      <Link
                        to={`?at=${Math.floor(entry.action.at / 1000)}`}
                        replace
                        preventScrollReset
                      >
                        {clockText(entry.action.at)}
                      </Link>{" "}
                      {describeAction(entry.action)}
                      {past ? "" : " (not yet at this moment)"}
                    </p>
                    {text ? <blockquote className="replay__text">{text}</blockquote> : null}
                    {entry.rejected ? (
                      <p className="field-error">Refused on replay: {entry.rejected}</p>
                    ) : null}
                    {entry.findings.length > 0 ? (
                      <ul className="timeline__notes">
                        {entry.findings.map((finding) => (
                          <li key={`${finding.kind}-${finding.start}`}>
                            <span className="status status--muted">{finding.kind}</span>
                            {finding.detail ? ` (${finding.detail})` : ""}: “{finding.text}”
                          </li>
                        ))}
                      </ul>
                    ) : text ? (
                      <p className="hint">Reply analysis found nothing to note.</p>
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

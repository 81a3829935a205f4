import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { ErrorSummary } from "~/components/ErrorSummary";
import { parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";
import { lengthText, lessonPath } from "~/practice/format";
import { startRunForm } from "~/practice/forms";
import { startScenario } from "~/practice/runs.server";
import { practiceLibraryFor } from "~/practice/scenarios.server";

export const meta: MetaFunction = () => [{ title: "Practice – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/practice._index");
  return practiceLibraryFor(user.id);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/practice._index");
  const form = parseForm(startRunForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const { runId } = await startScenario(user.id, form.data.scenario, form.data.mode);
  throw redirect(`/practice/runs/${runId}`);
}

type Library = Awaited<ReturnType<typeof loader>>;
type Entry = Library["core"][number];

function StatusTag({ status }: { status: Entry["status"] }) {
  switch (status.kind) {
    case "not-tried":
      return <span className="status status--muted">Not tried</span>;
    case "in-progress":
      return <span className="status status--warn">In progress</span>;
    case "passed":
      return (
        <span className="status status--good">
          Passed, {status.score} out of {status.maxScore}
        </span>
      );
    case "awaiting-trainer":
      return <span className="status status--warn">Waiting for a trainer's marks</span>;
    case "failed":
      return (
        <span className="status status--bad">
          Not passed, {status.score} out of {status.maxScore}
        </span>
      );
  }
}

const statusWords: Record<string, string> = {
  running: "In progress",
  passed: "Passed",
  failed: "Not passed",
  "awaiting-trainer": "Waiting for a trainer",
};

function ScenarioCard({ entry }: { entry: Entry }) {
  const busy = useNavigation();
  const starting =
    busy.state === "submitting" && busy.formData?.get("scenario") === entry.id
      ? busy.formData.get("mode")
      : null;
  return (
    <li className="card scenario-card" id={`scenario-${entry.id}`}>
      <h3>{entry.title}</h3>
      <p>
        <StatusTag status={entry.status} />{" "}
        <span className="hint">{lengthText(entry.duration)}</span>
      </p>
      <p>{entry.summary}</p>
      <h4 className="scenario-card__teaches">What it teaches</h4>
      <ul>
        {entry.objectives.map((objective) => (
          <li key={objective.text}>
            {objective.text} (<Link to={lessonPath(objective.lesson)}>read the lesson</Link>)
          </li>
        ))}
      </ul>
      <div className="actions">
        {entry.status.kind === "in-progress" ? (
          <Link className="button" to={`/practice/runs/${entry.status.runId}`}>
            Carry on<span className="visually-hidden"> with {entry.title}</span>
          </Link>
        ) : null}
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="scenario" value={entry.id} />
          <button
            type="submit"
            name="mode"
            value="practice"
            className={`button${entry.status.kind === "in-progress" ? " button--secondary" : ""}`}
            disabled={starting !== null}
          >
            {starting === "practice" ? "Starting…" : "Practise"}
            <span className="visually-hidden"> {entry.title}</span>
          </button>{" "}
          <button
            type="submit"
            name="mode"
            value="assessed"
            className="button button--secondary"
            disabled={starting !== null}
          >
            {starting === "assessed" ? "Starting…" : "Take it assessed"}
            <span className="visually-hidden"> ({entry.title})</span>
          </button>
        </Form>
      </div>
      {entry.status.kind === "passed" || entry.status.kind === "failed" ? (
        <p>
          <Link to={`/practice/runs/${entry.status.runId}/debrief`}>
            Debrief of that run<span className="visually-hidden">: {entry.title}</span>
          </Link>
        </p>
      ) : null}
    </li>
  );
}

function Group({
  id,
  title,
  intro,
  entries,
}: {
  id: string;
  title: string;
  intro: string;
  entries: Entry[];
}) {
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{title}</h2>
      <p className="hint">{intro}</p>
      {entries.length === 0 ? (
        <p>There are no {title.toLowerCase()} yet.</p>
      ) : (
        <ul className="scenario-list">
          {entries.map((entry) => (
            <ScenarioCard key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function PracticePage() {
  const { core, advanced, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack practice">
      <h1>Practice</h1>
      <p className="lede">
        Handle real situations on a pretend council account. Nothing you do here is public.
      </p>
      <ErrorSummary errors={result?.errors ?? {}} />
      <section className="card" aria-labelledby="modes-heading">
        <h2 id="modes-heading">Two ways to play</h2>
        <dl className="facts">
          <dt>Practise</dt>
          <dd>
            Does not count. You can pause, and skip ahead to the next thing that happens. Try as
            often as you like.
          </dd>
          <dt>Take it assessed</dt>
          <dd>
            Counts towards your certificate. It runs in real time, start to finish, and cannot be
            paused, so set aside the time it says.
          </dd>
        </dl>
      </section>
      <Group
        id="core-heading"
        title="Core scenarios"
        intro="Everyone who posts for the council should be able to handle these."
        entries={core}
      />
      <Group
        id="advanced-heading"
        title="Advanced scenarios"
        intro="For official accounts and harder situations."
        entries={advanced}
      />
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">Your runs</h2>
        {history.length === 0 ? (
          <p>You have not started a run yet. Pick a scenario above to begin.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Your runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Started</th>
                  <th scope="col">Result</th>
                </tr>
              </thead>
              <tbody>
                {history.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link
                        to={
                          run.status === "running"
                            ? `/practice/runs/${run.id}`
                            : `/practice/runs/${run.id}/debrief`
                        }
                      >
                        {run.title}
                      </Link>
                    </td>
                    <td>{run.mode === "assessed" ? "Assessed" : "Practice"}</td>
                    <td>{formatDateTime(run.startedAt)}</td>
                    <td>
                      {statusWords[run.status]}
                      {run.status !== "running" && run.maxScore !== null
                        ? `, ${run.score ?? 0} out of ${run.maxScore}`
                        : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";
import { clockText, lessonPath } from "~/practice/format";
import { retryRunForm } from "~/practice/forms";
import { debriefFor, retryRun } from "~/practice/runs.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `Debrief: ${data && "scenario" in data ? data.scenario.title : "run"} – Practice – Ready to Post`,
  },
];

const runIdOf = (params: Params) => requireParams(params, { runId: "uuid" }).runId;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId.debrief");
  const debrief = await debriefFor(user, runIdOf(args.params));
  // Nothing to debrief yet: back to the run (or, for someone overseeing it, its replay).
  if (debrief.state === "running") {
    throw redirect(`/practice/runs/${debrief.runId}${debrief.mine ? "" : "/replay"}`);
  }
  return debrief;
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/practice.runs.$runId.debrief");
  const runId = runIdOf(args.params);
  const form = parseForm(retryRunForm, await args.request.formData());
  if (!form.ok)
    return data({ error: form.errors.intent ?? "That cannot be done here" }, { status: 400 });
  const started = await retryRun(user.id, runId);
  throw redirect(`/practice/runs/${started.runId}`);
}

const verdicts = {
  passed: { title: "You passed", className: "result--pass" },
  failed: { title: "You did not pass this time", className: "result--fail" },
  "awaiting-trainer": { title: "Waiting for a trainer", className: "result--pending" },
  running: { title: "Still running", className: "result--pending" },
} as const;

export default function DebriefPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { score, ending } = page;
  const verdict = verdicts[page.status];
  const lessonLink = (id: string) => (
    <Link to={lessonPath(id)}>{page.lessonTitles[id] ?? `the lesson (${id})`}</Link>
  );
  return (
    <div className="stack debrief">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/practice">Practice</Link>
          </li>
        </ol>
      </nav>
      <h1>Debrief: {page.scenario.title}</h1>
      {!page.mine ? (
        <p className="lede">
          {page.trainee}'s {page.run.mode} run, started {formatDateTime(page.run.startedAt)}.{" "}
          <Link to={`/practice/runs/${page.run.id}/replay`}>Step through the replay</Link>
        </p>
      ) : null}
      {result?.error ? (
        <div className="alert alert--error" role="alert">
          {result.error}
        </div>
      ) : null}
      <section className={`result ${verdict.className}`} aria-labelledby="verdict-heading">
        <h2 id="verdict-heading">
          {page.mine ? verdict.title : verdict.title.replace("You", page.trainee)}
        </h2>
        {ending ? (
          <>
            <p className="result__score">
              <strong>{ending.title}.</strong> {ending.debrief}
            </p>
            <p>
              Score: {score.total} out of {score.max}; the pass mark is {score.passMark}.
              {page.status === "awaiting-trainer"
                ? " Whether you pass depends on the marks a trainer has still to give."
                : ""}
            </p>
          </>
        ) : null}
        {page.mine ? (
          <div className="actions">
            <Form method="post">
              <input type="hidden" name="intent" value="retry" />
              <button type="submit" className="button" disabled={busy}>
                {busy ? "Starting…" : "Try again"}
              </button>
            </Form>
            <Link className="button button--secondary" to="/practice">
              Back to practice
            </Link>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="score-heading">
        <h2 id="score-heading">Score by skill</h2>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Points for each part of the rubric</caption>
            <thead>
              <tr>
                <th scope="col">What was assessed</th>
                <th scope="col">Points</th>
                <th scope="col">Read more</th>
              </tr>
            </thead>
            <tbody>
              {score.items.map((line) => (
                <tr key={line.item}>
                  <td>{line.title}</td>
                  <td>
                    {line.earned} out of {line.points}
                    {line.pending > 0 ? (
                      <>
                        {" "}
                        <span className="status status--warn">
                          Pending: a trainer will mark this
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td>{lessonLink(line.lesson)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="timeline-heading" className="stack">
        <h2 id="timeline-heading">Decision by decision</h2>
        {page.timeline.length === 0 ? (
          <p>You did not take any action in this run.</p>
        ) : (
          <ol className="timeline">
            {page.timeline.map((entry, index) => (
              <li
                // Entries are a fixed record of the run.
                // biome-ignore lint/suspicious/noArrayIndexKey: never reordered
                key={index}
                className={`timeline__entry timeline__entry--${entry.kind}`}
              >
                <p className="timeline__when">
                  <span className="timeline__clock">{clockText(entry.at)}</span>{" "}
                  {entry.kind === "missed" ? (
                    <span className="status status--bad">Missed</span>
                  ) : (
                    <span className="status status--muted">You acted</span>
                  )}
                </p>
                <p className="timeline__summary">{entry.summary}</p>
                {entry.findings.length > 0 ? (
                  <p className="hint">
                    In what you wrote:{" "}
                    {entry.findings
                      .map((finding) => `${finding.kind} (“${finding.text}”)`)
                      .join(", ")}
                  </p>
                ) : null}
                {entry.notes.length > 0 ? (
                  <ul className="timeline__notes">
                    {entry.notes.map((note, n) => {
                      const grade =
                        note.status === "pending-trainer"
                          ? entry.grades.find((g) => g.item === note.item)
                          : undefined;
                      return (
                        // biome-ignore lint/suspicious/noArrayIndexKey: never reordered
                        <li key={n}>
                          {grade ? (
                            <span
                              className={`status ${grade.meets ? "status--good" : "status--bad"}`}
                            >
                              {grade.meets
                                ? `Meets the standard: +${grade.points}`
                                : "Does not meet the standard yet"}
                            </span>
                          ) : note.status === "pending-trainer" ? (
                            <span className="status status--warn">Pending</span>
                          ) : note.points !== null ? (
                            <span
                              className={`status ${note.points >= 0 ? "status--good" : "status--bad"}`}
                            >
                              {note.points >= 0 ? `+${note.points}` : note.points}
                            </span>
                          ) : null}{" "}
                          {note.feedback}
                          {note.lesson ? <> Read: {lessonLink(note.lesson)}.</> : null}
                          {grade ? (
                            <blockquote className="trainer-feedback">
                              <p>{grade.feedback}</p>
                              <footer>{grade.gradedBy}, trainer</footer>
                            </blockquote>
                          ) : null}
                        </li>
                      );
                    })}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">What this scenario teaches</h2>
        <ul>
          {page.scenario.objectives.map((objective) => (
            <li key={objective.text}>
              {objective.text}: {lessonLink(objective.lesson)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

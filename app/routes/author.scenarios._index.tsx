import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { newScenarioForm } from "~/authoring/forms";
import { createFromTemplate, scenarioList } from "~/authoring/scenarios.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { type FieldErrors, parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";

export const meta: MetaFunction = () => [{ title: "Scenarios – Author – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.scenarios._index");
  return { scenarios: await scenarioList() };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/author.scenarios._index");
  const form = parseForm(newScenarioForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors as FieldErrors }, { status: 400 });
  const created = await createFromTemplate(user, form.data);
  if (!created.ok)
    return data({ errors: created.errors as FieldErrors }, { status: created.status });
  throw redirect(`/author/scenarios/${created.scenarioId}?created=1`);
}

const statusLabel = {
  draft: { text: "Draft", className: "status status--muted" },
  published: { text: "Published", className: "status status--good" },
  archived: { text: "Archived", className: "status status--bad" },
} as const;

export default function AuthorScenarios() {
  const { scenarios } = useLoaderData<typeof loader>();
  const errors: FieldErrors = useActionData<typeof action>()?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  const authored = scenarios.filter((scenario) => scenario.source === "authored");
  const builtIn = scenarios.filter((scenario) => scenario.source === "built-in");
  return (
    <div className="stack">
      <h1>Scenarios</h1>
      <p className="lede">
        Write, check, play-test and publish the scenarios staff practise on. Built-in scenarios come
        from the course files: fork one to change it.
      </p>
      <ErrorSummary errors={errors} labels={{ id: "Id", title: "Title" }} />
      <section className="card stack" aria-labelledby="new-heading">
        <h2 id="new-heading">Start a new scenario</h2>
        <p>
          It starts from a small template that passes the check: change the people, posts and
          reactions to tell your story.
        </p>
        <Form method="post" className="author-new" noValidate>
          <input type="hidden" name="intent" value="new" />
          <div className="field">
            <label htmlFor="id">Id</label>
            <span className="hint" id="id-hint">
              Lower-case letters, digits and hyphens, like bins-abuse-2025. It cannot change later.
            </span>
            <FieldError id="id" message={errors.id} />
            <input
              id="id"
              name="id"
              type="text"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`id-hint${errors.id ? " id-error" : ""}`}
              aria-invalid={errors.id ? true : undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="title">Title</label>
            <FieldError id="title" message={errors.title} />
            <input
              id="title"
              name="title"
              type="text"
              autoComplete="off"
              aria-describedby={errors.title ? "title-error" : undefined}
              aria-invalid={errors.title ? true : undefined}
            />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Creating…" : "Create from the template"}
          </button>
        </Form>
      </section>
      <ScenarioTable
        id="authored"
        title="Written by trainers"
        rows={authored}
        empty="No trainer has written a scenario yet. Start one above, or fork a built-in one."
      />
      <ScenarioTable
        id="built-in"
        title="Built-in (from the course files)"
        rows={builtIn}
        empty="No built-in scenarios are loaded."
      />
    </div>
  );
}

type Row = Awaited<ReturnType<typeof loader>>["scenarios"][number];

function ScenarioTable({
  id,
  title,
  rows,
  empty,
}: {
  id: string;
  title: string;
  rows: Row[];
  empty: string;
}) {
  return (
    <section className="stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {rows.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Scenario</th>
                <th scope="col">Status</th>
                <th scope="col">Versions</th>
                <th scope="col">Last edited</th>
                <th scope="col">Latest check</th>
                <th scope="col">Attempts</th>
                <th scope="col">Pass rate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/author/scenarios/${row.id}`}>{row.title}</Link>
                    <br />
                    <code className="hint">{row.id}</code>
                    {row.forkedFromId ? (
                      <span className="hint"> (forked from {row.forkedFromId})</span>
                    ) : null}
                  </td>
                  <td>
                    <span className={statusLabel[row.status].className}>
                      {statusLabel[row.status].text}
                    </span>
                    {row.unpublishedChanges ? (
                      <>
                        <br />
                        <span className="hint">Unpublished changes</span>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {row.publishedVersions === 0
                      ? "None published"
                      : `${row.publishedVersions} published${row.currentNumber ? `, live: v${row.currentNumber}` : ""}`}
                  </td>
                  <td>
                    {row.lastEditor ? (
                      <>
                        {row.lastEditor}
                        <br />
                        <span className="hint">{formatDateTime(row.lastEditedAt)}</span>
                      </>
                    ) : (
                      <span className="hint">From the course files</span>
                    )}
                  </td>
                  <td>
                    {row.check === null ? (
                      <span className="hint">Not checked here</span>
                    ) : row.check.ok ? (
                      <span className="status status--good">Passed</span>
                    ) : (
                      <span className="status status--bad">
                        {row.check.problems} problem{row.check.problems === 1 ? "" : "s"}
                      </span>
                    )}
                  </td>
                  <td>{row.attempts}</td>
                  <td>
                    {row.passRate === null ? <span className="hint">–</span> : `${row.passRate}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

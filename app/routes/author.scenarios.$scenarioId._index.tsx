import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import type { Params } from "@remix-run/react";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useCallback, useState } from "react";
import { requireAccess } from "~/auth/guard.server";
import type { Diagram } from "~/authoring/diagram";
import {
  copyScenarioForm,
  draftActionForm,
  replayFailureForm,
  saveDraftForm,
  statusForm,
} from "~/authoring/forms";
import { replayFailure, startPlaytest } from "~/authoring/playtest.server";
import {
  checkDraft,
  copyScenario,
  editorFor,
  publishDraft,
  saveDraft,
  setArchived,
} from "~/authoring/scenarios.server";
import { FieldError } from "~/components/ErrorSummary";
import { ScenarioDiagram } from "~/components/ScenarioDiagram";
import { type EditorStatus, ScenarioEditor } from "~/components/ScenarioEditor";
import { parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";
import { requireParams } from "~/route-params.server";
import type { ScenarioError } from "../../simulator";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.title ?? "Scenario"} – Author – Ready to Post` },
];

const scenarioIdOf = (params: Params) => requireParams(params, { scenarioId: "slug" }).scenarioId;

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.scenarios.$scenarioId._index");
  return editorFor(scenarioIdOf(args.params));
}

type ActionResult = {
  ok: boolean;
  message: string;
  field?: string;
  steps?: Array<{ clock: string; text: string }>;
  runId?: string;
};

const fail = (status: number, result: Omit<ActionResult, "ok">) =>
  data<ActionResult>({ ok: false, ...result }, { status });

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/author.scenarios.$scenarioId._index");
  const scenarioId = scenarioIdOf(args.params);
  const formData = await args.request.formData();
  const intent = String(formData.get("intent") ?? "");
  const here = `/author/scenarios/${scenarioId}`;

  if (intent === "save") {
    const form = parseForm(saveDraftForm, formData);
    if (!form.ok)
      return fail(400, {
        message: Object.values(form.errors)[0] ?? "That save could not be read.",
      });
    const saved = await saveDraft(user, scenarioId, form.data);
    if (!saved.ok) return fail(saved.status, { message: `Not saved. ${saved.message}` });
    throw redirect(`${here}?done=saved`);
  }
  if (intent === "check" || intent === "playtest" || intent === "publish") {
    const form = parseForm(draftActionForm, formData);
    if (!form.ok)
      return fail(400, { message: Object.values(form.errors)[0] ?? "That could not be read." });
    const { revision } = form.data;
    if (intent === "check") {
      const checked = await checkDraft(user, scenarioId, revision);
      return data<ActionResult>(checked, { status: checked.ok ? 200 : 422 });
    }
    if (intent === "playtest") {
      const played = await startPlaytest(user, scenarioId, revision);
      if (!played.ok) return fail(422, { message: played.message });
      throw redirect(`/practice/runs/${played.runId}`);
    }
    const published = await publishDraft(user, scenarioId, revision);
    if (!published.ok) return fail(published.status, { message: published.message });
    throw redirect(`${here}?done=published&version=${published.number}`);
  }
  if (intent === "replay") {
    const form = parseForm(replayFailureForm, formData);
    if (!form.ok)
      return fail(400, { message: Object.values(form.errors)[0] ?? "That could not be read." });
    const replayed = await replayFailure(user, scenarioId, form.data.revision, form.data.failure);
    if (replayed.ok) throw redirect(`/practice/runs/${replayed.runId}`);
    return fail(422, {
      message: replayed.message,
      ...(replayed.runId ? { runId: replayed.runId } : {}),
      ...(replayed.remaining ? { steps: replayed.remaining } : {}),
    });
  }
  if (intent === "archive" || intent === "restore") {
    const form = parseForm(statusForm, formData);
    if (!form.ok)
      return fail(400, { message: Object.values(form.errors)[0] ?? "That could not be read." });
    const changed = await setArchived(user, scenarioId, form.data.intent === "archive");
    return data<ActionResult>(changed, { status: changed.ok ? 200 : 409 });
  }
  if (intent === "copy") {
    const form = parseForm(copyScenarioForm, formData);
    if (!form.ok)
      return fail(400, { message: form.errors.id ?? "That could not be read.", field: "id" });
    const copied = await copyScenario(user, scenarioId, form.data.id);
    if (!copied.ok) {
      return fail(copied.status, {
        message: copied.errors.id ?? copied.errors.form ?? "The copy was not made.",
        field: copied.errors.id ? "id" : "form",
      });
    }
    throw redirect(`/author/scenarios/${copied.scenarioId}?done=copied&from=${scenarioId}`);
  }
  return fail(400, {
    message: "Choose what to do: save, check, play-test, publish, copy or archive.",
  });
}

const doneMessages: Record<string, string> = {
  saved: "Draft saved.",
  created: "Scenario created from the template. It passes the check: make it your own.",
};

const statusTag = {
  draft: <span className="status status--muted">Draft</span>,
  published: <span className="status status--good">Published</span>,
  archived: <span className="status status--bad">Archived</span>,
} as const;

export default function ScenarioEditorPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [search] = useSearchParams();
  const busyIntent =
    navigation.state !== "idle" ? String(navigation.formData?.get("intent") ?? "") : "";
  const [status, setStatus] = useState<EditorStatus>({
    revision: page.draft?.revision ?? 1,
    dirty: false,
  });
  const [live, setLive] = useState<{ errors: ScenarioError[]; diagram: Diagram | null } | null>(
    null,
  );
  const onValidated = useCallback(
    (validated: { errors: ScenarioError[]; diagram: Diagram | null }) => setLive(validated),
    [],
  );
  const onStatus = useCallback((next: EditorStatus) => setStatus(next), []);
  // The diagram follows the text while it is valid; otherwise the last good one stays.
  const [lastGood, setLastGood] = useState<Diagram | null>(page.diagram);
  const diagram = live?.diagram ?? lastGood;
  if (live?.diagram && live.diagram !== lastGood) setLastGood(live.diagram);
  const stale = live !== null && live.diagram === null && lastGood !== null;
  const checkIsCurrent = !status.dirty && status.revision === (page.draft?.revision ?? 1);

  const done = search.get("done");
  const doneMessage =
    done === "published"
      ? `Published as version ${search.get("version")}. New runs start on it; runs already played keep their version.`
      : done === "copied"
        ? `This is a copy of ${search.get("from")}. Its id is its own; nothing about the original changed.`
        : search.get("created")
          ? doneMessages.created
          : done
            ? doneMessages[done]
            : undefined;

  const { scenario, check } = page;
  return (
    <div className="stack">
      <p>
        <Link to="/author/scenarios">Back to scenarios</Link>
      </p>
      <div>
        <h1>{page.title}</h1>
        <p className="author-meta">
          {statusTag[scenario.status]} <code>{scenario.id}</code>{" "}
          {scenario.source === "built-in"
            ? "Built-in (from the course files)"
            : "Written by trainers"}
          {scenario.forkedFromId ? `, forked from ${scenario.forkedFromId}` : ""}
          {page.current ? `. Trainees get version ${page.current.number}.` : ". Not published yet."}
        </p>
      </div>
      {doneMessage && !result ? (
        <div className="alert alert--success" role="status">
          {doneMessage}
        </div>
      ) : null}
      {result ? (
        <div
          className={`alert ${result.ok ? "alert--success" : "alert--error"}`}
          role={result.ok ? "status" : "alert"}
        >
          <p>{result.message}</p>
          {result.runId ? (
            <p>
              <Link to={`/practice/runs/${result.runId}`}>Open the play-test</Link>
            </p>
          ) : null}
          {result.steps ? (
            <ol className="steps">
              {result.steps.map((step, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their order is fixed
                <li key={index}>
                  <span className="steps__clock">{step.clock}</span> {step.text}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
      {scenario.source === "built-in" ? (
        <div className="alert alert--warning">
          <p>
            This scenario comes from <code>courses/scenarios/</code> and changes only when that file
            does. To change it here, fork it: you get an authored copy to edit, and the built-in one
            stays as it is.
          </p>
          <CopyForm copyId={page.copyId} label="Fork into an authored scenario" result={result} />
        </div>
      ) : null}
      {scenario.status === "archived" ? (
        <div className="alert alert--warning">
          <p>
            This scenario is archived: no one can start a new run of it, and its draft cannot
            change. Restore it to work on it again.
          </p>
        </div>
      ) : null}

      <div className="author-layout">
        <section className="author-layout__editor stack" aria-labelledby="text-heading">
          <h2 id="text-heading">Text</h2>
          <Form method="post" className="stack" aria-labelledby="text-heading">
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="revision" value={status.revision} />
            <ScenarioEditor
              id="source"
              name="source"
              label={scenario.editable ? "Scenario YAML" : "Scenario YAML (read only)"}
              hint={
                scenario.editable
                  ? "Saved automatically as you type. Mistakes are listed below the editor with their line."
                  : undefined
              }
              scenarioId={scenario.id}
              initialText={page.text}
              initialErrors={page.errors}
              revision={page.draft?.revision ?? 1}
              savedAt={page.draft?.updatedAt ? String(page.draft.updatedAt) : null}
              readOnly={!scenario.editable}
              saveUrl={`/author/scenarios/${scenario.id}/draft`}
              validateUrl="/author/validate"
              onStatus={onStatus}
              onValidated={onValidated}
            />
            {scenario.editable ? (
              <div className="actions">
                <button
                  type="submit"
                  className="button button--secondary"
                  disabled={busyIntent === "save"}
                >
                  {busyIntent === "save" ? "Saving…" : "Save draft"}
                </button>
                {page.draft?.updatedBy ? (
                  <span className="hint">
                    Last saved by {page.draft.updatedBy}, {formatDateTime(page.draft.updatedAt)}
                  </span>
                ) : null}
              </div>
            ) : null}
          </Form>
        </section>

        <div className="author-layout__side stack">
          {scenario.editable ? (
            <section className="card stack" aria-labelledby="next-heading">
              <h2 id="next-heading">Check, play-test, publish</h2>
              {status.dirty ? (
                <p className="hint" role="status">
                  Saving your latest changes first…
                </p>
              ) : null}
              <div className="actions">
                {(["check", "playtest", "publish"] as const).map((intent) => (
                  <Form method="post" key={intent}>
                    <input type="hidden" name="intent" value={intent} />
                    <input type="hidden" name="revision" value={status.revision} />
                    <button
                      type="submit"
                      className={intent === "publish" ? "button" : "button button--secondary"}
                      disabled={status.dirty || busyIntent !== ""}
                    >
                      {busyIntent === intent
                        ? { check: "Checking…", playtest: "Starting…", publish: "Publishing…" }[
                            intent
                          ]
                        : { check: "Check the draft", playtest: "Play-test", publish: "Publish" }[
                            intent
                          ]}
                    </button>
                  </Form>
                ))}
              </div>
              <p className="hint">
                Play-testing opens the draft in the practice feed without publishing it; it never
                counts. Only a draft that passes the check can be published.
                {page.draftIsPublished ? " The draft is the same as the live version." : ""}
              </p>
            </section>
          ) : null}

          <section className="card stack" aria-labelledby="check-heading">
            <h2 id="check-heading">Model check</h2>
            {!check ? (
              <p>
                {scenario.editable
                  ? "This text has not been checked yet. The check explores every way a run can go."
                  : "This text has not been checked here."}
              </p>
            ) : (
              <>
                {!checkIsCurrent ? (
                  <p className="alert alert--warning">
                    The text has changed since this check: check again.
                  </p>
                ) : null}
                {check.ok ? (
                  <p>
                    <span className="status status--good">Passed</span>{" "}
                    {check.states.toLocaleString("en-GB")} states explored: a passing run and a
                    failing run exist, every beat and rubric item can be reached, and every run ends
                    in time.
                  </p>
                ) : check.errors.length > 0 ? (
                  <p>
                    <span className="status status--bad">Not checked</span> Fix the mistakes in the
                    text first.
                  </p>
                ) : (
                  <>
                    <p>
                      <span className="status status--bad">
                        {check.failures.length} problem{check.failures.length === 1 ? "" : "s"}
                      </span>{" "}
                      checked {formatDateTime(check.checkedAt)}
                    </p>
                    <ol className="check-failures">
                      {check.failures.map((failure) => (
                        <li key={failure.index} className="stack">
                          <p>
                            <strong>{failure.property}</strong>: {failure.message}
                          </p>
                          {failure.steps.length > 0 ? (
                            <>
                              <p className="hint">A run that shows it:</p>
                              <ol className="steps">
                                {failure.steps.map((step, index) => (
                                  // biome-ignore lint/suspicious/noArrayIndexKey: steps have no id; their order is fixed
                                  <li key={index}>
                                    <span className="steps__clock">{step.clock}</span> {step.text}
                                  </li>
                                ))}
                              </ol>
                            </>
                          ) : null}
                          {failure.replayable && scenario.editable && checkIsCurrent ? (
                            <Form method="post">
                              <input type="hidden" name="intent" value="replay" />
                              <input type="hidden" name="revision" value={status.revision} />
                              <input type="hidden" name="failure" value={failure.index} />
                              <button
                                type="submit"
                                className="button button--secondary"
                                disabled={busyIntent !== ""}
                              >
                                Replay this in a play-test
                                <span className="visually-hidden">
                                  {" "}
                                  (problem {failure.index + 1})
                                </span>
                              </button>
                            </Form>
                          ) : null}
                        </li>
                      ))}
                    </ol>
                  </>
                )}
              </>
            )}
          </section>

          <section className="card stack" aria-labelledby="diagram-heading">
            <h2 id="diagram-heading">Diagram</h2>
            <ScenarioDiagram diagram={diagram} stale={stale} />
          </section>
        </div>
      </div>

      <section className="stack" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Versions</h2>
        {page.versions.length === 0 ? (
          <p>No versions yet. Play-testing or publishing the draft makes one.</p>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <caption className="visually-hidden">Versions, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Published</th>
                    <th scope="col">Made by</th>
                    <th scope="col">Runs</th>
                  </tr>
                </thead>
                <tbody>
                  {page.versions.map((version) => (
                    <tr key={version.number}>
                      <td>
                        v{version.number}
                        {page.current?.number === version.number ? (
                          <span className="status status--good"> Live</span>
                        ) : null}
                      </td>
                      <td>
                        {version.publishedAt ? (
                          formatDateTime(version.publishedAt)
                        ) : (
                          <span className="hint">Play-test only</span>
                        )}
                      </td>
                      <td>{version.createdBy ?? <span className="hint">Course files</span>}</td>
                      <td>{version.runs}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {page.versions.length > 1 ? (
              <p>
                <Link to={`/author/scenarios/${scenario.id}/versions`}>Compare versions</Link>
              </p>
            ) : null}
          </>
        )}
      </section>

      {scenario.source === "authored" ? (
        <section className="card stack" aria-labelledby="more-heading">
          <h2 id="more-heading">Copy or archive</h2>
          <CopyForm copyId={page.copyId} label="Duplicate" result={result} />
          <Form method="post">
            <input
              type="hidden"
              name="intent"
              value={scenario.status === "archived" ? "restore" : "archive"}
            />
            <button type="submit" className="button button--secondary" disabled={busyIntent !== ""}>
              {scenario.status === "archived" ? "Restore this scenario" : "Archive this scenario"}
            </button>
          </Form>
          <p className="hint">
            Archiving stops new runs; runs already played and their history are kept.
          </p>
        </section>
      ) : (
        <Form method="post">
          <input
            type="hidden"
            name="intent"
            value={scenario.status === "archived" ? "restore" : "archive"}
          />
          <button type="submit" className="button button--secondary" disabled={busyIntent !== ""}>
            {scenario.status === "archived" ? "Restore this scenario" : "Archive this scenario"}
          </button>
        </Form>
      )}
    </div>
  );
}

function CopyForm({
  copyId,
  label,
  result,
}: {
  copyId: string;
  label: string;
  result: { ok: boolean; message: string; field?: string } | undefined;
}) {
  const error = result && !result.ok && result.field === "id" ? result.message : undefined;
  return (
    <Form method="post" className="author-copy" noValidate>
      <input type="hidden" name="intent" value="copy" />
      <div className="field">
        <label htmlFor="copy-id">Id of the copy</label>
        <FieldError id="copy-id" message={error} />
        <input
          id="copy-id"
          name="id"
          type="text"
          defaultValue={copyId}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "copy-id-error" : undefined}
        />
      </div>
      <button type="submit" className="button button--secondary">
        {label}
      </button>
    </Form>
  );
}

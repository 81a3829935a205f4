import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { gradeForm } from "~/authoring/forms";
import { gradeReply, reviewQueue } from "~/authoring/reviews.server";
import { FieldError } from "~/components/ErrorSummary";
import { parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";
import { formatClock } from "../../simulator/schema/duration";

export const meta: MetaFunction = () => [{ title: "Reviews – Author – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/author.reviews");
  return { items: await reviewQueue() };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/author.reviews");
  const formData = await args.request.formData();
  const key = `${formData.get("runId")}/${formData.get("actionIndex")}/${formData.get("item")}`;
  const form = parseForm(gradeForm, formData);
  if (!form.ok) return data({ ok: false, key, message: "", errors: form.errors }, { status: 400 });
  const graded = await gradeReply(user, { ...form.data, meets: form.data.grade === "meets" });
  if (!graded.ok)
    return data({ ok: false, key, message: graded.message, errors: {} }, { status: graded.status });
  return { ok: true, key, message: graded.message, errors: {} };
}

const findingNames: Record<string, string> = {
  "personal-data": "Personal data",
  apology: "Apology",
  correction: "Correction",
  signposting: "Signposting",
  "too-long": "Over 280 characters",
  shouting: "Shouting",
  hostile: "Hostile",
  sarcastic: "Sarcastic",
  defensive: "Defensive",
  "party-political": "Party-political",
  "over-promise": "Over-promise",
};

export default function Reviews() {
  const { items } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="stack">
      <h1>Reviews</h1>
      <p className="lede">
        Replies from assessed runs that a rule cannot judge. Your grade and feedback go into the
        trainee's debrief, and certification waits for them where a programme needs them.
      </p>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.message}
        </div>
      ) : null}
      {items.length === 0 ? (
        <p className="card">
          Nothing is waiting for a grade. Replies appear here when an assessed run ends.
        </p>
      ) : (
        <>
          <p>
            {items.length} repl{items.length === 1 ? "y is" : "ies are"} waiting, oldest first.
          </p>
          <ol className="review-list">
            {items.map((item) => {
              const key = `${item.runId}/${item.actionIndex}/${item.item.id}`;
              const fieldId = (name: string) =>
                `${name}-${item.runId}-${item.actionIndex}-${item.item.id}`;
              const mine = result && !result.ok && result.key === key ? result : null;
              const errors: Record<string, string | undefined> = mine?.errors ?? {};
              const busy =
                navigation.state === "submitting" &&
                navigation.formData?.get("runId") === item.runId;
              const headingId = fieldId("review");
              return (
                <li key={key}>
                  <article className="card stack" aria-labelledby={headingId}>
                    <h2 id={headingId}>
                      {item.trainee}: {item.scenarioTitle}
                    </h2>
                    <p className="hint">
                      Rubric item “{item.item.title}” (up to {item.item.max} point
                      {item.item.max === 1 ? "" : "s"}). Written {formatClock(item.at)} into the run
                      {item.endedAt ? `; the run ended ${formatDateTime(item.endedAt)}` : ""}.
                    </p>
                    <section aria-label="Where the reply was written">
                      <h3>{item.context.title}</h3>
                      {item.context.lines.length === 0 ? null : (
                        <ul className="review-thread">
                          {item.context.lines.map((line) => (
                            <li
                              key={line.id}
                              className={
                                line.graded
                                  ? "review-thread__line review-thread__line--graded"
                                  : "review-thread__line"
                              }
                              style={{ marginInlineStart: `${Math.min(line.depth, 6) * 1.25}rem` }}
                            >
                              <strong>{line.author}</strong>{" "}
                              <span className="hint">{line.handle}</span>
                              {line.graded ? (
                                <span className="status status--warn"> The reply to grade</span>
                              ) : null}
                              {line.hidden ? <span className="hint"> (hidden)</span> : null}
                              {line.deleted ? <span className="hint"> (deleted)</span> : null}
                              <p>{line.text}</p>
                            </li>
                          ))}
                        </ul>
                      )}
                    </section>
                    <section aria-label="The reply and what the rules found">
                      <h3>The reply</h3>
                      <blockquote className="review-reply">{item.text}</blockquote>
                      <h3>What the automatic checks found</h3>
                      {item.findings.length === 0 ? (
                        <p>
                          Nothing: no personal data, no hostile, sarcastic or defensive phrasing.
                        </p>
                      ) : (
                        <ul>
                          {item.findings.map((finding) => (
                            <li key={`${finding.kind}-${finding.start}`}>
                              {findingNames[finding.kind] ?? finding.kind}
                              {finding.detail ? ` (${finding.detail})` : ""}: “{finding.text}”
                            </li>
                          ))}
                        </ul>
                      )}
                    </section>
                    {mine?.message ? (
                      <div className="alert alert--error" role="alert">
                        {mine.message}
                      </div>
                    ) : null}
                    <Form method="post" className="stack" noValidate>
                      <input type="hidden" name="runId" value={item.runId} />
                      <input type="hidden" name="actionIndex" value={item.actionIndex} />
                      <input type="hidden" name="item" value={item.item.id} />
                      <fieldset
                        aria-describedby={errors.grade ? `${fieldId("grade")}-error` : undefined}
                      >
                        <legend>Does the reply meet “{item.item.title}”?</legend>
                        <FieldError id={fieldId("grade")} message={errors.grade} />
                        <div className="choice">
                          <input type="radio" id={fieldId("meets")} name="grade" value="meets" />
                          <label htmlFor={fieldId("meets")}>
                            Meets the standard ({item.item.max} points)
                          </label>
                        </div>
                        <div className="choice">
                          <input
                            type="radio"
                            id={fieldId("not")}
                            name="grade"
                            value="does-not-meet"
                          />
                          <label htmlFor={fieldId("not")}>Does not meet it (0 points)</label>
                        </div>
                      </fieldset>
                      <div className="field">
                        <label htmlFor={fieldId("feedback")}>Feedback for {item.trainee}</label>
                        <FieldError id={fieldId("feedback")} message={errors.feedback} />
                        <textarea
                          id={fieldId("feedback")}
                          name="feedback"
                          rows={3}
                          aria-invalid={errors.feedback ? true : undefined}
                          aria-describedby={
                            errors.feedback ? `${fieldId("feedback")}-error` : undefined
                          }
                        />
                      </div>
                      <button type="submit" className="button" disabled={busy}>
                        {busy ? "Saving…" : "Save the grade"}
                      </button>
                    </Form>
                  </article>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </div>
  );
}

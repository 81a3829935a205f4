import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { decideAccount, suspendAccount } from "~/certification/accounts.server";
import { revokeCertificate } from "~/certification/certificates.server";
import { Checklist, StatusTag } from "~/certification/components";
import { personActionForm } from "~/certification/forms";
import { assignCourseTo, personFor } from "~/certification/person.server";
import { AuditTable } from "~/components/AuditTable";
import { ErrorSummary } from "~/components/ErrorSummary";
import { type FieldErrors, parseForm } from "~/forms";
import { formatDate, formatDateTime } from "~/learn/format";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? "Person"} – Team – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/team.$personId");
  return personFor(
    { id: user.id, role: user.role, departmentId: user.departmentId },
    requireParams(args.params, { personId: "uuid" }).personId,
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/team.$personId");
  const { personId } = requireParams(args.params, { personId: "uuid" });
  const actor = { id: user.id, role: user.role, departmentId: user.departmentId };
  const form = parseForm(personActionForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
  const input = form.data;
  const result =
    input.intent === "assign"
      ? await assignCourseTo(actor, personId, input.courseId)
      : input.intent === "revoke"
        ? await revokeCertificate(actor, input.certificateId, input.reason)
        : input.intent === "suspend" || input.intent === "lift"
          ? await suspendAccount(actor, input.requestId, input.intent, input.reason)
          : await decideAccount(actor, input.requestId, input.intent, input.reason);
  if (!result.ok)
    return data({ errors: result.errors as FieldErrors, saved: null }, { status: result.status });
  const saved = {
    approve: "Account approved.",
    reject: "Request rejected.",
    revoke: "Certificate revoked.",
    suspend: "Account suspended.",
    lift: "Suspension lifted.",
    assign: "Course assigned: it now shows on their Learn page.",
  }[form.data.intent];
  return { errors: {} as FieldErrors, saved };
}

const stateText = {
  pending: "Waiting for a decision",
  active: "Active",
  suspended: "Suspended",
  rejected: "Rejected",
};

export default function Person() {
  const page = useLoaderData<typeof loader>();
  const { person, isSelf, standings, lessons, attempts, runs, certificates, accounts, trail } =
    page;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <p>
        <Link to="/team">Back to the team</Link>
      </p>
      <h1>{person.name}</h1>
      <p className="lede">
        {person.email} · {person.department ?? "No department"}
      </p>
      {result?.saved ? (
        <div className="alert alert--success" role="status">
          {result.saved}
        </div>
      ) : null}
      <ErrorSummary errors={result?.errors ?? {}} />
      <div className="grid">
        {standings.map((standing) => (
          <section
            key={standing.programme.id}
            className="card stack"
            aria-labelledby={`s-${standing.programme.id}`}
          >
            <h2 id={`s-${standing.programme.id}`}>{standing.programme.title}</h2>
            {standing.certificate ? (
              <p>
                <StatusTag status={standing.certificate.status}>
                  {standing.certificate.statusText}
                </StatusTag>
              </p>
            ) : (
              <p>{standing.percent}% of the way</p>
            )}
            {standing.goal !== "held" ? (
              <Checklist
                items={standing.checklist.map((item) => ({ ...item, to: null }))}
                label={`${person.name}: ${standing.programme.title}`}
              />
            ) : null}
          </section>
        ))}
      </div>

      <section aria-labelledby="accounts-heading" className="stack">
        <h2 id="accounts-heading">Live accounts</h2>
        {accounts.length === 0 ? (
          <p>No accounts or requests.</p>
        ) : (
          <ul className="stack">
            {accounts.map((account) => (
              <li key={account.id} className="card stack">
                <p>
                  <strong>{account.handle}</strong> on {account.platform} (needs “
                  {account.programme}”), asked {formatDate(account.requestedAt)}:{" "}
                  <StatusTag status={account.state}>{stateText[account.state]}</StatusTag>
                </p>
                {account.why ? <p>{account.why}</p> : null}
                {account.decisionReason ? <p>Reason given: {account.decisionReason}</p> : null}
                {account.pending && !isSelf ? (
                  <Form method="post" className="stack" aria-label={`Decide on ${account.handle}`}>
                    <input type="hidden" name="requestId" value={account.id} />
                    <ReasonField id={`reason-${account.id}`} label="Reason for your decision" />
                    <div className="actions">
                      <button
                        type="submit"
                        name="intent"
                        value="approve"
                        className="button"
                        disabled={busy}
                      >
                        Approve
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="reject"
                        className="button button--danger"
                        disabled={busy}
                      >
                        Reject
                      </button>
                    </div>
                  </Form>
                ) : null}
                {(account.state === "active" || account.suspendedByManager) && !isSelf ? (
                  // Keyed by what it offers, so it starts closed once the other was used.
                  <AccountSuspension
                    key={account.suspendedByManager ? "lift" : "suspend"}
                    account={account}
                    busy={busy}
                  />
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="certificates-heading" className="stack">
        <h2 id="certificates-heading">Certificates</h2>
        {certificates.length === 0 ? (
          <p>No certificates yet.</p>
        ) : (
          <ul className="stack">
            {certificates.map((certificate) => (
              <li key={certificate.id} className="card stack">
                <p>
                  <strong>{certificate.programmeTitle}</strong>, issued{" "}
                  {formatDate(certificate.issuedAt)}:{" "}
                  <StatusTag status={certificate.status}>{certificate.statusText}</StatusTag>{" "}
                  <Link to={`/verify/${certificate.code}`}>Verification page</Link>
                </p>
                {certificate.revokedReason ? <p>Reason: {certificate.revokedReason}</p> : null}
                {certificate.status !== "revoked" && certificate.status !== "expired" && !isSelf ? (
                  <Form
                    method="post"
                    className="stack"
                    aria-label={`Revoke ${certificate.programmeTitle}`}
                  >
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="certificateId" value={certificate.id} />
                    <ReasonField id={`revoke-${certificate.id}`} label="Reason for revoking" />
                    <div>
                      <button type="submit" className="button button--danger" disabled={busy}>
                        Revoke certificate
                      </button>
                    </div>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="runs-heading" className="stack">
        <h2 id="runs-heading">Scenario runs</h2>
        {runs.length === 0 ? (
          <p>No runs yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Scenario runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Scenario</th>
                  <th scope="col">Mode</th>
                  <th scope="col">Result</th>
                  <th scope="col">Started</th>
                  <th scope="col">Review</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>{run.scenario}</td>
                    <td>{run.mode}</td>
                    <td>
                      {run.status}
                      {run.score !== null ? ` (${run.score} of ${run.maxScore})` : ""}
                    </td>
                    <td>{formatDateTime(run.startedAt)}</td>
                    <td>
                      <Link to={`/practice/runs/${run.id}/debrief`}>
                        Debrief
                        <span className="visually-hidden">
                          {" "}
                          of {run.scenario}, {formatDateTime(run.startedAt)}
                        </span>
                      </Link>{" "}
                      ·{" "}
                      <Link to={`/practice/runs/${run.id}/replay`}>
                        Replay
                        <span className="visually-hidden">
                          {" "}
                          of {run.scenario}, {formatDateTime(run.startedAt)}
                        </span>
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="quiz-heading" className="stack">
        <h2 id="quiz-heading">Quiz attempts</h2>
        {attempts.length === 0 ? (
          <p>No quiz attempts yet.</p>
        ) : (
          <ul>
            {attempts.map((attempt) => (
              <li key={attempt.id}>
                {attempt.course}:{" "}
                {attempt.submittedAt
                  ? `${attempt.score} out of ${attempt.total}, ${attempt.passed ? "passed" : "not passed"}, ${formatDateTime(attempt.submittedAt)}`
                  : "in progress"}
              </li>
            ))}
          </ul>
        )}
      </section>

      {page.assignableCourses.length > 0 ? (
        <section aria-labelledby="assign-heading" className="stack">
          <h2 id="assign-heading">Assign a course</h2>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="assign" />
            <div className="field">
              <label htmlFor="courseId">Course</label>
              <select id="courseId" name="courseId">
                {page.assignableCourses.map((course) => (
                  <option key={course.id} value={course.id}>
                    {course.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button">
              Assign course
            </button>
          </Form>
        </section>
      ) : null}

      <section aria-labelledby="lessons-heading" className="stack">
        <h2 id="lessons-heading">Lessons read</h2>
        {lessons.length === 0 ? (
          <p>No lessons read yet.</p>
        ) : (
          <ul>
            {lessons.map((lesson) => (
              <li key={`${lesson.course}-${lesson.title}-${String(lesson.completedAt)}`}>
                {lesson.title} ({formatDateTime(lesson.completedAt)})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="trail-heading" className="stack">
        <h2 id="trail-heading">Audit trail</h2>
        {trail.length === 0 ? (
          <p>Nothing recorded yet.</p>
        ) : (
          <AuditTable entries={trail} caption="Audit trail, newest first" />
        )}
      </section>
    </div>
  );
}

/** Suspends one live account without touching the certificate, or lifts that suspension. */
function AccountSuspension({
  account,
  busy,
}: {
  account: { id: string; handle: string; suspendedByManager: boolean };
  busy: boolean;
}) {
  const lift = account.suspendedByManager;
  return (
    <details>
      <summary>{lift ? "Lift the suspension" : "Suspend this account"}</summary>
      <Form
        method="post"
        className="stack"
        aria-label={`${lift ? "Lift the suspension of" : "Suspend"} ${account.handle}`}
      >
        <input type="hidden" name="intent" value={lift ? "lift" : "suspend"} />
        <input type="hidden" name="requestId" value={account.id} />
        <ReasonField
          id={`suspension-${account.id}`}
          label={lift ? "Reason for lifting it" : "Reason for suspending it"}
        />
        <div>
          <button
            type="submit"
            className={lift ? "button" : "button button--danger"}
            disabled={busy}
          >
            {lift ? "Lift suspension" : "Suspend account"}
          </button>
        </div>
      </Form>
    </details>
  );
}

/** The reason every decision on this page records; the limits are the form schema's. */
function ReasonField({ id, label }: { id: string; label: string }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name="reason" rows={2} required minLength={3} maxLength={500} />
    </div>
  );
}

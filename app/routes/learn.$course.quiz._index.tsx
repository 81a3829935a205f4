import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { parseForm } from "~/forms";
import { formatDateTime } from "~/learn/format";
import { startAttemptForm } from "~/learn/forms";
import { quizPath } from "~/learn/paths";
import { quizFor, startAttempt } from "~/learn/quiz.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Quiz: ${data?.course.title ?? "Course"} – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.quiz._index");
  return quizFor(user.id, requireParams(args.params, { course: "slug" }).course);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.quiz._index");
  const courseId = requireParams(args.params, { course: "slug" }).course;
  const form = parseForm(startAttemptForm, await args.request.formData());
  if (!form.ok)
    return data({ error: form.errors.intent ?? "That cannot be done here" }, { status: 400 });
  const { attemptId } = await startAttempt(user.id, courseId);
  throw redirect(quizPath(courseId, attemptId));
}

export default function QuizPage() {
  const { course, attempts, open, passed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <p>
        <Link to={`/learn/${course.id}`}>Back to {course.title}</Link>
      </p>
      <h1>Quiz: {course.title}</h1>
      {result?.error ? (
        <div className="alert alert--error" role="alert">
          {result.error}
        </div>
      ) : null}
      <section className="card stack" aria-labelledby="rules-heading">
        <h2 id="rules-heading">How it works</h2>
        <ul>
          <li>
            Each attempt asks {course.questionsPerAttempt} questions, drawn from a bank of{" "}
            {course.bankSize}. A new attempt asks a new set.
          </li>
          <li>
            You pass with {course.passMark}%: at least {course.scoreNeeded} right answers.
          </li>
          <li>After you submit, you see which answers were right and why.</li>
        </ul>
        {passed ? (
          <p>
            <span className="status status--good">Passed</span> You have passed this quiz. You can
            take it again to practise.
          </p>
        ) : null}
        <div className="actions">
          {open ? (
            <Link className="button" to={quizPath(course.id, open.id)}>
              Continue your attempt
            </Link>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="start" />
              <button type="submit" className="button" disabled={busy}>
                {attempts.length > 0 ? "Start a new attempt" : "Start the quiz"}
              </button>
            </Form>
          )}
        </div>
      </section>
      <section aria-labelledby="history-heading" className="stack">
        <h2 id="history-heading">Your attempts</h2>
        {attempts.length === 0 ? (
          <p>You have not taken this quiz yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Your attempts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Score</th>
                  <th scope="col">Result</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((attempt) => (
                  <tr key={attempt.id}>
                    <td>{formatDateTime(attempt.startedAt)}</td>
                    <td>
                      {attempt.submittedAt ? `${attempt.score} out of ${attempt.total}` : "–"}
                    </td>
                    <td>
                      {attempt.submittedAt === null ? (
                        <span className="status status--muted">In progress</span>
                      ) : attempt.passed ? (
                        <span className="status status--good">Passed</span>
                      ) : (
                        <span className="status status--bad">Not passed</span>
                      )}
                    </td>
                    <td>
                      <Link to={quizPath(course.id, attempt.id)}>
                        {attempt.submittedAt ? "Review" : "Continue"}
                        <span className="visually-hidden">
                          {" "}
                          the attempt started {formatDateTime(attempt.startedAt)}
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
    </div>
  );
}

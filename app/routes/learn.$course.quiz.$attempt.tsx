import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import type { FieldErrors } from "~/forms";
import { readAttemptForm } from "~/learn/forms";
import { quizPath } from "~/learn/paths";
import { attemptFor, submitAttempt } from "~/learn/quiz.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.state === "submitted" ? "Quiz result" : "Quiz"}: ${data?.course.title ?? "Course"} – Ready to Post`,
  },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.quiz.$attempt");
  const { course: courseId, attempt: attemptId } = requireParams(args.params, {
    course: "slug",
    attempt: "uuid",
  });
  return attemptFor(user.id, courseId, attemptId);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.quiz.$attempt");
  const { course: courseId, attempt: attemptId } = requireParams(args.params, {
    course: "slug",
    attempt: "uuid",
  });
  const form = readAttemptForm(await args.request.formData());
  if (!form.ok) {
    return data(
      {
        message: `${form.message}. Nothing was saved.`,
        errors: {} as FieldErrors,
        answers: {} as Record<string, string[]>,
      },
      { status: 400 },
    );
  }
  const result = await submitAttempt(user.id, courseId, attemptId, form.data.answers);
  if (!result.ok) {
    return data(
      { message: result.message, errors: result.errors, answers: form.data.answers },
      { status: result.status },
    );
  }
  throw redirect(quizPath(courseId, attemptId));
}

export default function AttemptPage() {
  const view = useLoaderData<typeof loader>();
  return view.state === "open" ? <OpenAttempt view={view} /> : <Result view={view} />;
}

type View = Awaited<ReturnType<typeof loader>>;
type OpenView = Extract<View, { state: "open" }>;
type ResultView = Extract<View, { state: "submitted" }>;

/** A post shown in a "pick the best reply" question. */
function Post({ post }: { post: { author: string; handle: string; text: string } }) {
  return (
    <figure className="post">
      <figcaption>
        <span className="post__author">{post.author}</span>{" "}
        <span className="post__handle">{post.handle}</span>
      </figcaption>
      <blockquote>
        <p>{post.text}</p>
      </blockquote>
    </figure>
  );
}

function OpenAttempt({ view }: { view: OpenView }) {
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.errors ?? {};
  const given: Record<string, string[]> = result?.answers ?? {};
  return (
    <div className="stack quiz">
      <p>
        <Link to={quizPath(view.course.id)}>Back to the quiz page</Link>
      </p>
      <h1>Quiz: {view.course.title}</h1>
      <p className="lede">
        Answer all {view.attempt.total} questions, then submit. You need {view.attempt.scoreNeeded}{" "}
        right to pass.
      </p>
      {result?.message && Object.keys(errors).length === 0 ? (
        <div className="alert alert--error" role="alert">
          <h2>Your answers were not saved</h2>
          <p>{result.message}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} />
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="submit" />
        {view.questions.map((question) => {
          const error = errors[question.field];
          const one = question.type !== "multiple";
          return (
            <fieldset
              key={question.id}
              className={`question${error ? " question--error" : ""}`}
              aria-describedby={error ? `${question.field}-error` : undefined}
            >
              <legend>
                <span className="question__number">
                  Question {question.number} of {view.attempt.total}
                </span>
                <span className="question__prompt">{question.prompt}</span>
              </legend>
              {question.post ? <Post post={question.post} /> : null}
              <p className="hint">{one ? "Choose one answer." : "Choose all that apply."}</p>
              <FieldError id={question.field} message={error} />
              <div className="choices">
                {question.options.map((option, index) => {
                  const id = index === 0 ? question.field : `${question.field}-${option.id}`;
                  return (
                    <div className="choice" key={option.id}>
                      <input
                        id={id}
                        type={one ? "radio" : "checkbox"}
                        name={question.field}
                        value={option.id}
                        defaultChecked={given[question.id]?.includes(option.id)}
                      />
                      <label htmlFor={id}>{option.text}</label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Marking…" : "Submit answers"}
        </button>
      </Form>
    </div>
  );
}

function Result({ view }: { view: ResultView }) {
  const { attempt, course } = view;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack quiz">
      <p>
        <Link to={quizPath(course.id)}>Back to the quiz page</Link>
      </p>
      <h1>Quiz result: {course.title}</h1>
      <section
        className={`result ${attempt.passed ? "result--pass" : "result--fail"}`}
        aria-labelledby="result-heading"
      >
        <h2 id="result-heading">{attempt.passed ? "You passed" : "You did not pass this time"}</h2>
        <p className="result__score">
          You got {attempt.score} out of {attempt.total} right. You needed {attempt.scoreNeeded} (
          {attempt.passMark}%).
        </p>
        <div className="actions">
          {attempt.passed ? (
            <Link className="button" to={`/learn/${course.id}`}>
              Back to the course
            </Link>
          ) : (
            <>
              <Form method="post" action={quizPath(course.id)}>
                <input type="hidden" name="intent" value="start" />
                <button type="submit" className="button" disabled={busy}>
                  Start a new attempt
                </button>
              </Form>
              <Link className="button button--secondary" to={`/learn/${course.id}`}>
                Read the lessons again
              </Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="answers-heading" className="stack">
        <h2 id="answers-heading">Your answers</h2>
        {view.questions.map((question) => (
          <article
            key={question.id}
            className={`answer ${question.correct ? "answer--right" : "answer--wrong"}`}
            aria-labelledby={`answer-${question.id}`}
          >
            <h3 id={`answer-${question.id}`}>
              Question {question.number}:{" "}
              {question.correct ? "you got this right" : "you got this wrong"}
            </h3>
            <p className="answer__prompt">{question.prompt}</p>
            {question.post ? <Post post={question.post} /> : null}
            <ul className="answer__options">
              {question.options.map((option) => (
                <li
                  key={option.id}
                  className={`answer__option${option.correct ? " answer__option--right" : ""}`}
                >
                  <p className="answer__text">
                    {option.text}
                    {option.chosen ? (
                      <span className="status status--muted">Your answer</span>
                    ) : null}
                    {option.correct ? (
                      <span className="status status--good">Right answer</span>
                    ) : null}
                  </p>
                  <p className="answer__explanation">{option.explanation}</p>
                </li>
              ))}
            </ul>
          </article>
        ))}
      </section>
    </div>
  );
}

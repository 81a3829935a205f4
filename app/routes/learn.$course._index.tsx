import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { parseForm } from "~/forms";
import { NextStepLink, ProgressBar, timeLeft } from "~/learn/components";
import { askForCourse, courseFor } from "~/learn/courses.server";
import { formatDate, minutes } from "~/learn/format";
import { askForm } from "~/learn/forms";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.course.title ?? "Course"} – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course._index");
  return courseFor(user.id, requireParams(args.params, { course: "slug" }).course);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course._index");
  const courseId = requireParams(args.params, { course: "slug" }).course;
  const form = parseForm(askForm, await args.request.formData());
  if (!form.ok)
    return data({ error: form.errors.intent ?? "That cannot be done here" }, { status: 400 });
  await askForCourse(user.id, courseId);
  throw redirect(`/learn/${courseId}?asked=1`);
}

const statusText = {
  done: { text: "Done", className: "status--good" },
  updated: { text: "Updated since you read it", className: "status--warn" },
  "not-started": { text: "Not started", className: "status--muted" },
} as const;

export default function CoursePage() {
  const { course, enrolment, standing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <div className="stack">
      <p>
        <Link to="/learn">Back to your courses</Link>
      </p>
      <h1>{course.title}</h1>
      <p className="lede">{course.summary}</p>
      {result?.error ? (
        <div className="alert alert--error" role="alert">
          {result.error}
        </div>
      ) : null}
      {params.get("asked") && enrolment ? (
        <div className="alert alert--success" role="status">
          You asked to take this course on {formatDate(enrolment.createdAt)}. You can start now.
        </div>
      ) : null}
      {standing ? (
        <>
          <section className="card stack" aria-labelledby="progress-heading">
            <h2 id="progress-heading">Your progress</h2>
            <ProgressBar
              id="course-progress"
              label={course.title}
              done={standing.progress.done}
              total={standing.progress.total}
            />
            <p>
              {timeLeft(standing.progress.minutesLeft)} (the whole course is{" "}
              {minutes(standing.totalMinutes)}).
            </p>
            <div className="actions">
              <NextStepLink courseId={course.id} next={standing.progress.next} />
            </div>
          </section>
          <section aria-labelledby="lessons-heading" className="stack">
            <h2 id="lessons-heading">Lessons</h2>
            <ol className="lesson-list">
              {standing.progress.lessons.map((lesson) => {
                const status = statusText[lesson.status];
                return (
                  <li key={lesson.slug}>
                    <Link to={`/learn/${course.id}/${lesson.slug}`}>{lesson.title}</Link>
                    <span className="lesson-list__meta">
                      {minutes(lesson.minutes)}{" "}
                      <span className={`status ${status.className}`}>{status.text}</span>
                    </span>
                  </li>
                );
              })}
            </ol>
            {standing.progress.lessons.some((lesson) => lesson.status === "updated") ? (
              <p className="hint">
                A lesson marked “Updated since you read it” has changed. It still counts as read;
                open it to see what changed.
              </p>
            ) : null}
          </section>
          <section className="card" aria-labelledby="quiz-heading">
            <h2 id="quiz-heading">Quiz</h2>
            <p>
              Each attempt asks {course.questionsPerAttempt} questions. You need {course.passMark}%
              to pass.
            </p>
            <p>
              {standing.quiz.passed
                ? "You have passed the quiz."
                : standing.quiz.attempts > 0
                  ? `Your best score so far is ${standing.quiz.bestScore ?? 0} out of ${course.questionsPerAttempt}.`
                  : "You have not taken the quiz yet."}
            </p>
            <Link to={`/learn/${course.id}/quiz`}>Go to the quiz</Link>
          </section>
        </>
      ) : (
        <section className="card" aria-labelledby="ask-heading">
          <h2 id="ask-heading">Take this course</h2>
          <p>
            <strong>Who it is for:</strong> {course.audience}
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="ask" />
            <button type="submit" className="button">
              Ask to take this course
            </button>
          </Form>
        </section>
      )}
    </div>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { NextStepLink, ProgressBar, timeLeft } from "~/learn/components";
import { learningFor } from "~/learn/courses.server";

export const meta: MetaFunction = () => [{ title: "Learn – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/learn._index");
  return learningFor(user.id);
}

export default function Learn() {
  const { courses, others } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Learn</h1>
      <p className="lede">
        Short lessons on using social media for the council, each followed by a quiz. Read at your
        own pace: your place is saved as you go.
      </p>
      <section aria-labelledby="my-courses-heading" className="stack">
        <h2 id="my-courses-heading">Your courses</h2>
        <div className="grid">
          {courses.map((course) => (
            <article
              key={course.id}
              className="card course-card"
              aria-labelledby={`${course.id}-title`}
            >
              <h3 id={`${course.id}-title`}>
                <Link to={`/learn/${course.id}`}>{course.title}</Link>
              </h3>
              <p>{course.summary}</p>
              <ProgressBar
                id={`${course.id}-progress`}
                label={course.title}
                done={course.progress.done}
                total={course.progress.total}
              />
              <dl className="facts">
                <dt>Reading</dt>
                <dd>{timeLeft(course.progress.minutesLeft)}</dd>
                <dt>Quiz</dt>
                <dd>
                  {course.quiz.passed
                    ? "Passed"
                    : course.quiz.attempts > 0
                      ? `Not passed yet (${course.quiz.attempts} ${course.quiz.attempts === 1 ? "attempt" : "attempts"})`
                      : "Not taken yet"}
                </dd>
              </dl>
              <div className="actions">
                <NextStepLink courseId={course.id} next={course.progress.next} />
              </div>
            </article>
          ))}
        </div>
      </section>
      {others.length > 0 ? (
        <section aria-labelledby="more-courses-heading" className="stack">
          <h2 id="more-courses-heading">More courses</h2>
          <div className="grid">
            {others.map((course) => (
              <article
                key={course.id}
                className="card course-card"
                aria-labelledby={`${course.id}-title`}
              >
                <h3 id={`${course.id}-title`}>
                  <Link to={`/learn/${course.id}`}>{course.title}</Link>
                </h3>
                <p>{course.summary}</p>
                <p className="hint">
                  <strong>Who it is for:</strong> {course.audience}
                </p>
                <Form method="post" action={`/learn/${course.id}`}>
                  <input type="hidden" name="intent" value="ask" />
                  <button type="submit" className="button button--secondary">
                    Ask to take this course
                    <span className="visually-hidden">: {course.title}</span>
                  </button>
                </Form>
              </article>
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}

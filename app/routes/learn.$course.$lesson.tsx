import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { parseForm } from "~/forms";
import { LessonHtml } from "~/learn/components";
import { formatDate, minutes } from "~/learn/format";
import { completeLessonForm } from "~/learn/forms";
import { completeLesson, lessonFor } from "~/learn/lessons.server";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.lesson.title ?? "Lesson"} – ${data?.course.title ?? "Learn"} – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.$lesson");
  const { course: courseId, lesson: slug } = requireParams(args.params, {
    course: "slug",
    lesson: "slug",
  });
  return lessonFor(user.id, courseId, slug);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/learn.$course.$lesson");
  const { course: courseId, lesson: slug } = requireParams(args.params, {
    course: "slug",
    lesson: "slug",
  });
  const form = parseForm(completeLessonForm, await args.request.formData());
  if (!form.ok) {
    const message = form.errors.intent ?? form.errors.version ?? "That cannot be done here";
    return data({ error: message }, { status: 400 });
  }
  const result = await completeLesson(user.id, courseId, slug, form.data.version);
  if (!result.ok) return data({ error: result.message }, { status: result.status });
  throw redirect(`${result.next}?done=${encodeURIComponent(slug)}`);
}

export default function LessonPage() {
  const page = useLoaderData<typeof loader>();
  const { course, lesson, previous, next } = page;
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const justDone = previous && params.get("done") === previous.slug ? previous : null;
  const doneHere = page.status === "done";

  return (
    <div className="lesson">
      <nav aria-label="Breadcrumb" className="breadcrumbs">
        <ol>
          <li>
            <Link to="/learn">Learn</Link>
          </li>
          <li>
            <Link to={`/learn/${course.id}`}>{course.title}</Link>
          </li>
        </ol>
      </nav>
      {justDone ? (
        <div className="alert alert--success" role="status">
          “{justDone.title}” is marked as done.
        </div>
      ) : null}
      <header className="lesson__header">
        <p className="lesson__kicker">
          Lesson {page.position} of {page.total}
        </p>
        <h1>{lesson.title}</h1>
        <p className="lesson__meta">{minutes(lesson.minutes)} to read</p>
      </header>

      {page.status === "updated" && page.completedAt ? (
        <section className="alert alert--warning" aria-labelledby="changed-heading">
          <h2 id="changed-heading">Updated since you read it</h2>
          <p>
            You marked an earlier version as done on {formatDate(page.completedAt)}. That still
            counts. Since then:
          </p>
          <ul>
            {page.changes.map((change) => (
              <li key={change}>{change}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="objectives" aria-labelledby="objectives-heading">
        <h2 id="objectives-heading">By the end of this lesson you can</h2>
        <ul>
          {lesson.objectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
      </section>

      <LessonHtml html={lesson.html} />

      {lesson.whatWouldYouDo ? (
        <section className="prompt" aria-labelledby="what-would-you-do-heading">
          <h2 id="what-would-you-do-heading">What would you do?</h2>
          <LessonHtml html={lesson.whatWouldYouDo} />
          {page.practice.length > 0 ? (
            <>
              <h3>Practise it</h3>
              <ul>
                {page.practice.map((scenario) => (
                  <li key={scenario.to}>
                    <Link to={scenario.to}>{scenario.title}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section className="lesson__done" aria-labelledby="done-heading">
        <h2 id="done-heading" className="visually-hidden">
          Your progress
        </h2>
        {result?.error ? (
          <div className="alert alert--error" role="alert">
            {result.error}
          </div>
        ) : null}
        {doneHere && page.completedAt ? (
          <p>
            <span className="status status--good">Done</span> You marked this lesson as done on{" "}
            {formatDate(page.completedAt)}.
          </p>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="complete" />
            <input type="hidden" name="version" value={lesson.contentHash} />
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Saving…" : "Mark as done"}
            </button>
          </Form>
        )}
      </section>

      <nav aria-label="Lessons" className="pager">
        {previous ? (
          <Link rel="prev" to={`/learn/${course.id}/${previous.slug}`} className="pager__previous">
            <span className="pager__label">Previous lesson</span> {previous.title}
          </Link>
        ) : null}
        {next ? (
          <Link rel="next" to={`/learn/${course.id}/${next.slug}`} className="pager__next">
            <span className="pager__label">Next lesson</span> {next.title}
          </Link>
        ) : (
          <Link to={`/learn/${course.id}/quiz`} className="pager__next">
            <span className="pager__label">Next</span> The quiz
          </Link>
        )}
      </nav>
    </div>
  );
}

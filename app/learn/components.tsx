// Pieces the learning pages share.
import { Link } from "@remix-run/react";
import { minutes } from "./format";
import type { NextStep } from "./progress";

/** A native <progress>, named by a visible label so screen readers announce what it counts. */
export function ProgressBar({
  id,
  done,
  total,
  label,
}: {
  id: string;
  done: number;
  total: number;
  label: string;
}) {
  return (
    <div className="progress">
      <label htmlFor={id} className="progress__label">
        {label}: {done} of {total} lessons done
      </label>
      <progress id={id} max={total} value={done}>
        {done} of {total}
      </progress>
    </div>
  );
}

/** The one thing to do next in a course, as a button-styled link. */
export function NextStepLink({ courseId, next }: { courseId: string; next: NextStep }) {
  if (next.kind === "lesson") {
    return (
      <Link className="button" to={`/learn/${courseId}/${next.slug}`}>
        Next: {next.title}
        <span className="visually-hidden"> ({minutes(next.minutes)})</span>
      </Link>
    );
  }
  if (next.kind === "quiz") {
    return (
      <Link className="button" to={`/learn/${courseId}/quiz`}>
        Next: take the quiz
      </Link>
    );
  }
  return (
    <p className="next-step">
      <span className="status status--good">Complete</span> You have read every lesson and passed
      the quiz.
    </p>
  );
}

export function timeLeft(minutesLeft: number): string {
  return minutesLeft === 0
    ? "Nothing left to read"
    : `About ${minutes(minutesLeft)} of reading left`;
}

/** Lesson HTML: rendered from Markdown and sanitised on the server (markdown.server.ts). */
export function LessonHtml({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by renderMarkdown on the server
  return <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

// Reading a lesson and marking it as done.
import { and, eq } from "drizzle-orm";
import { lessonCompletions, lessonVersions } from "../../db/schema";
import { notFound } from "../auth/guard.server";
import { awardIfEligible } from "../certification/award.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { describeLessonChanges } from "./changes";
import { requireCourse, standingIn } from "./courses.server";
import { renderLesson } from "./markdown.server";
import { coursePath, lessonPath, quizPath } from "./paths";
import { practiceFor } from "./practice.server";

/** A lesson as the course offers it now, with where it sits and what I have done with it. */
export async function lessonFor(userId: string, courseId: string, slug: string) {
  const course = await requireCourse(userId, courseId);
  const { progress, completions } = await standingIn(userId, course);
  const position = progress.lessons.findIndex((lesson) => lesson.slug === slug);
  const here = progress.lessons[position];
  if (!here) throw notFound();
  const [lesson] = await db
    .select()
    .from(lessonVersions)
    .where(
      and(
        eq(lessonVersions.courseId, courseId),
        eq(lessonVersions.slug, slug),
        eq(lessonVersions.contentHash, here.currentHash),
      ),
    );
  if (!lesson) throw notFound();

  // Completions come newest first: the last version I read is the one to compare against.
  const mine = completions.filter((done) => done.slug === slug);
  const onThisVersion = mine.find((done) => done.contentHash === lesson.contentHash);
  const lastRead = mine[0];
  let changes: string[] = [];
  if (lastRead && !onThisVersion) {
    const [read] = await db
      .select()
      .from(lessonVersions)
      .where(eq(lessonVersions.id, lastRead.lessonVersionId));
    if (read) changes = describeLessonChanges(read, lesson);
  }

  const neighbour = (index: number) => {
    const other = progress.lessons[index];
    return other ? { slug: other.slug, title: other.title } : null;
  };
  return {
    course: { id: course.id, title: course.title },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      objectives: lesson.objectives,
      minutes: lesson.minutes,
      contentHash: lesson.contentHash,
      ...renderLesson(lesson.body),
    },
    position: position + 1,
    total: progress.lessons.length,
    previous: neighbour(position - 1),
    next: neighbour(position + 1),
    status: here.status,
    completedAt: onThisVersion?.completedAt ?? lastRead?.completedAt ?? null,
    changes,
    practice: await practiceFor(`${courseId}/${slug}`),
  };
}

export type CompleteResult =
  | { ok: true; next: string }
  | { ok: false; status: 400; message: string };

/**
 * Marks the version of the lesson the learner read as done (it may be older than the current
 * one if the file changed while they read). Marking it twice changes nothing.
 */
export async function completeLesson(
  userId: string,
  courseId: string,
  slug: string,
  contentHash: string,
): Promise<CompleteResult> {
  const course = await requireCourse(userId, courseId);
  const [version] = await db
    .select({ id: lessonVersions.id })
    .from(lessonVersions)
    .where(
      and(
        eq(lessonVersions.courseId, courseId),
        eq(lessonVersions.slug, slug),
        eq(lessonVersions.contentHash, contentHash),
      ),
    );
  if (!version) {
    const [known] = await db
      .select({ id: lessonVersions.id })
      .from(lessonVersions)
      .where(and(eq(lessonVersions.courseId, courseId), eq(lessonVersions.slug, slug)))
      .limit(1);
    if (!known) throw notFound();
    return {
      ok: false,
      status: 400,
      message: "That is not a version of this lesson. Reload the page and try again.",
    };
  }
  await db
    .insert(lessonCompletions)
    // The app's clock, not the database's: certificates compare this with their own dates.
    .values({ userId, lessonVersionId: version.id, completedAt: now() })
    .onConflictDoNothing();
  // The last lesson read may be the last requirement of a certificate.
  await awardIfEligible(userId);

  // Carry on in reading order; after the last lesson, whatever the course says is next.
  const { progress } = await standingIn(userId, course);
  const index = progress.lessons.findIndex((lesson) => lesson.slug === slug);
  const following = index >= 0 ? progress.lessons[index + 1] : undefined;
  if (following) return { ok: true, next: lessonPath(courseId, following.slug) };
  const next = progress.next;
  return {
    ok: true,
    next:
      next.kind === "lesson"
        ? lessonPath(courseId, next.slug)
        : next.kind === "quiz"
          ? quizPath(courseId)
          : coursePath(courseId),
  };
}

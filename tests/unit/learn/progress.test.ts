import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { courseProgress, type LessonState } from "~/learn/progress";

const lesson = (slug: string, minutes: number, completedHashes: string[] = []): LessonState => ({
  slug,
  title: `Lesson ${slug}`,
  minutes,
  currentHash: `${slug}-v2`,
  completedHashes,
});

describe("courseProgress", () => {
  test("nothing read: the first lesson is next and all the reading is left", () => {
    const progress = courseProgress([lesson("a", 3), lesson("b", 4)], false);
    assert.equal(progress.done, 0);
    assert.equal(progress.total, 2);
    assert.equal(progress.minutesLeft, 7);
    assert.deepEqual(progress.next, { kind: "lesson", slug: "a", title: "Lesson a", minutes: 3 });
  });

  test("the next lesson is the first not read, wherever it is", () => {
    const progress = courseProgress(
      [lesson("a", 3, ["a-v2"]), lesson("b", 4), lesson("c", 5)],
      false,
    );
    assert.equal(progress.done, 1);
    assert.equal(progress.minutesLeft, 9);
    assert.equal(progress.next.kind === "lesson" && progress.next.slug, "b");
  });

  test("a lesson read on an older version counts as done, marked as updated", () => {
    const progress = courseProgress([lesson("a", 3, ["a-v1"]), lesson("b", 4, ["b-v2"])], false);
    assert.deepEqual(
      progress.lessons.map((l) => l.status),
      ["updated", "done"],
    );
    assert.equal(progress.done, 2);
    assert.equal(progress.minutesLeft, 0);
  });

  test("every lesson read: the quiz is next, then the course is complete", () => {
    const lessons = [lesson("a", 3, ["a-v2"]), lesson("b", 4, ["b-v1", "b-v2"])];
    assert.deepEqual(courseProgress(lessons, false).next, { kind: "quiz" });
    assert.deepEqual(courseProgress(lessons, true).next, { kind: "complete" });
  });
});

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readCourses } from "~/content/read.server";
import { renderLesson, renderMarkdown } from "~/learn/markdown.server";

describe("renderMarkdown", () => {
  test("renders headings, lists, emphasis and links", () => {
    const html = renderMarkdown(
      "## Heading\n\n- **one**\n- _two_\n\n[GOV.UK](https://www.gov.uk)\n",
    );
    assert.match(html, /<h2>Heading<\/h2>/);
    assert.match(html, /<li><strong>one<\/strong><\/li>/);
    assert.match(html, /<em>two<\/em>/);
    assert.match(html, /<a href="https:\/\/www.gov.uk">GOV.UK<\/a>/);
  });

  test("removes scripts, event handlers, styles and javascript: links", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n<p style="color:red" onclick="x()">Hi</p>\n\n[click](javascript:alert(1))\n',
    );
    assert.doesNotMatch(html, /script|onerror|onclick|style=|javascript:|<img/i);
    assert.match(html, /Hi/);
  });

  test("a level-one heading in a body becomes level two: the page title is the only h1", () => {
    assert.equal(renderMarkdown("# Big").trim(), "<h2>Big</h2>");
  });
});

describe("renderLesson", () => {
  test("lifts out the What would you do? section and keeps what follows it in the body", () => {
    const lesson = renderLesson(
      "Intro.\n\n## What would you do?\n\nA question for you.\n\n## Afterword\n\nLast words.\n",
    );
    assert.match(lesson.whatWouldYouDo ?? "", /A question for you/);
    assert.doesNotMatch(lesson.html, /What would you do|A question for you/);
    assert.match(lesson.html, /Intro[\s\S]*Afterword[\s\S]*Last words/);
  });

  test("every real lesson has a What would you do? section to lift out", () => {
    for (const course of readCourses()) {
      for (const lesson of course.lessons) {
        const rendered = renderLesson(lesson.body);
        assert.ok(rendered.whatWouldYouDo, lesson.id);
        assert.doesNotMatch(rendered.html, /<h1|<script/, lesson.id);
      }
    }
  });
});

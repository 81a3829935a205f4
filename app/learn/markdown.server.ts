// Lesson Markdown to safe HTML. Lessons are written by trainers in files under review, but
// they will also be edited in the app later, so the HTML is sanitised whatever its source.
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { WHAT_WOULD_YOU_DO_HEADING } from "../content/check";

const marked = new Marked({ gfm: true });

const safe: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "del",
    "a",
    "blockquote",
    "code",
    "pre",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["scope"], ol: ["start"] },
  allowedSchemes: ["https", "http", "mailto"],
  // The page's title is the only h1; a stray one in the body becomes a section heading.
  transformTags: { h1: "h2" },
};

export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }), safe);
}

export interface RenderedLesson {
  /** Everything but the "What would you do?" section. */
  html: string;
  /** The body of the "What would you do?" section, without its heading, or null. */
  whatWouldYouDo: string | null;
}

/**
 * Lifts the "What would you do?" section out of the body so the page can set it apart.
 * It runs to the next `## ` heading; anything after that stays in the body, in order.
 */
export function renderLesson(body: string): RenderedLesson {
  const match = WHAT_WOULD_YOU_DO_HEADING.exec(body);
  if (!match) return { html: renderMarkdown(body), whatWouldYouDo: null };
  const before = body.slice(0, match.index);
  const rest = body.slice(match.index + match[0].length);
  const nextHeading = /^## /m.exec(rest);
  const section = nextHeading ? rest.slice(0, nextHeading.index) : rest;
  const after = nextHeading ? rest.slice(nextHeading.index) : "";
  return {
    html: renderMarkdown(`${before}\n${after}`),
    whatWouldYouDo: renderMarkdown(section),
  };
}

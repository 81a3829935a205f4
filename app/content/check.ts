// Checks across files that a schema alone cannot make: references resolve, lessons have the
// parts every lesson needs, reading times are honest, and no text holds real contact details.
// Pure: it works on content already read, so the loader and the tests share it.
import type { ContentProblem } from "./problems";
import type { Course, Lesson, Quiz } from "./types";

export const WORDS_PER_MINUTE = 200;

/** Headings every lesson must have (a worked example may add a title after a colon). */
export const WORKED_EXAMPLE_HEADING = /^## Worked example\b.*$/m;
export const WHAT_WOULD_YOU_DO_HEADING = /^## What would you do\?\s*$/m;

export function checkCourses(courses: Course[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, string>();
  for (const course of courses) {
    const earlier = seen.get(course.id);
    if (earlier) {
      problems.push({
        file: course.source.path,
        message: `course id "${course.id}" is also used by ${earlier}`,
      });
    }
    seen.set(course.id, course.source.path);
    problems.push(...checkCourse(course));
  }
  return problems;
}

export function checkCourse(course: Course): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const file = course.source.path;
  const folder = file.split("/").at(-2);
  if (folder !== undefined && folder !== course.id) {
    problems.push({ file, message: `course id "${course.id}" must match its folder "${folder}"` });
  }

  const fileIds = course.lessons.map((lesson) => lesson.id);
  for (const id of course.lessonOrder) {
    if (!fileIds.includes(id)) {
      problems.push({ file, message: `lists lesson "${id}" but no lesson file has that id` });
    }
  }
  for (const lesson of course.lessons) {
    if (!course.lessonOrder.includes(lesson.id)) {
      problems.push({
        file,
        message: `does not list lesson "${lesson.id}" (${lesson.source.path})`,
      });
    }
  }
  const listed = course.lessonOrder.filter((id) => fileIds.includes(id));
  const found = fileIds.filter((id) => course.lessonOrder.includes(id));
  if (listed.join() !== found.join()) {
    problems.push({
      file,
      message: `lists lessons in a different order from their file numbers: ${listed.join(", ")}`,
    });
  }
  if (new Set(fileIds).size !== fileIds.length) {
    problems.push({ file, message: "two lesson files have the same id" });
  }

  for (const lesson of course.lessons) problems.push(...checkLesson(course.id, lesson));

  if (!course.quiz) {
    problems.push({ file, message: "the course has no quiz.yaml" });
  } else {
    problems.push(...checkQuiz(course, course.quiz));
  }
  return problems;
}

export function checkLesson(courseId: string, lesson: Lesson): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const file = lesson.source.path;
  const [prefix, slug] = lesson.id.split("/");
  if (prefix !== courseId) {
    problems.push({ file, message: `lesson id "${lesson.id}" must start with "${courseId}/"` });
  }
  const name = file.split("/").at(-1) ?? "";
  if (name !== `${/^\d+-/.exec(name)?.[0] ?? "NN-"}${slug}.md`) {
    problems.push({ file, message: `file name must be NN-${slug}.md to match the lesson id` });
  }
  if (!WORKED_EXAMPLE_HEADING.test(lesson.body)) {
    problems.push({ file, message: 'needs a "## Worked example" section' });
  }
  if (!WHAT_WOULD_YOU_DO_HEADING.test(lesson.body)) {
    problems.push({ file, message: 'needs a "## What would you do?" section' });
  }
  const words = countWords(lesson.body);
  const minutes = words / WORDS_PER_MINUTE;
  if (Math.abs(minutes - lesson.minutes) > 1) {
    problems.push({
      file,
      message: `says ${lesson.minutes} minutes but its ${words} words take ${minutes.toFixed(1)} minutes at ${WORDS_PER_MINUTE} words a minute`,
    });
  }
  for (const found of findContactDetails(lesson.body)) {
    problems.push({ file, message: contactMessage(found) });
  }
  return problems;
}

export function checkQuiz(course: Course, quiz: Quiz): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const file = quiz.source.path;
  if (quiz.course !== course.id) {
    problems.push({ file, message: `course must be "${course.id}", the folder it is in` });
  }
  const lessonIds = new Set(course.lessons.map((lesson) => lesson.id));
  const tested = new Set<string>();
  for (const question of quiz.questions) {
    tested.add(question.lesson);
    if (!lessonIds.has(question.lesson)) {
      problems.push({
        file,
        message: `question "${question.id}" names lesson "${question.lesson}", which is not in this course`,
      });
    }
    const texts = [
      question.prompt,
      ...("post" in question ? [question.post.text] : []),
      ...question.options.flatMap((option) => [option.text, option.explanation]),
    ];
    for (const found of texts.flatMap(findContactDetails)) {
      problems.push({ file, message: `question "${question.id}": ${contactMessage(found)}` });
    }
  }
  for (const lesson of course.lessons) {
    if (!tested.has(lesson.id)) {
      problems.push({ file, message: `no question tests lesson "${lesson.id}"` });
    }
  }
  if (quiz.questions.length < course.quizRules.questionsPerAttempt) {
    problems.push({
      file,
      message: `has ${quiz.questions.length} questions but an attempt draws ${course.quizRules.questionsPerAttempt}`,
    });
  }
  return problems;
}

/** Words as a reader counts them: runs of text with at least one letter or digit. */
export function countWords(markdown: string): number {
  return markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

// Numbers Ofcom keeps for drama and examples; any other UK number could ring a real person.
const DRAMA_NUMBER_PREFIXES = [
  "01632960",
  "02079460",
  "01134960",
  "01144960",
  "01154960",
  "01164960",
  "01174960",
  "01184960",
  "01214960",
  "01314960",
  "01414960",
  "01514960",
  "01614960",
  "02920180",
  "07700900",
  "08081570",
  "09098790",
  "03069990",
];

// Domains reserved for examples (RFC 2606 and RFC 6761), so an address can never reach anyone.
const EXAMPLE_DOMAIN = /(^|\.)(example\.(org|com|net)|[a-z0-9-]+\.(test|example|invalid))$/i;

export interface ContactDetail {
  kind: "phone number" | "email address";
  text: string;
}

/** Phone numbers and email addresses that are not from the ranges kept for fiction. */
export function findContactDetails(text: string): ContactDetail[] {
  const found: ContactDetail[] = [];
  for (const match of text.matchAll(/(?:\+44\s?(?:\(0\)\s?)?|\b0)\d(?:[\s-]?\d){8,9}\b/g)) {
    const digits = match[0].replace(/\D/g, "").replace(/^44/, "0");
    if (!DRAMA_NUMBER_PREFIXES.some((prefix) => digits.startsWith(prefix))) {
      found.push({ kind: "phone number", text: match[0] });
    }
  }
  for (const match of text.matchAll(/[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)) {
    const domain = match[1] ?? "";
    if (!EXAMPLE_DOMAIN.test(domain)) found.push({ kind: "email address", text: match[0] });
  }
  return found;
}

function contactMessage(found: ContactDetail): string {
  const fix =
    found.kind === "phone number"
      ? "use an Ofcom drama number such as 01632 960123"
      : "use an example.org or .test address";
  return `contains the ${found.kind} "${found.text}", which could be real: ${fix}`;
}

// What changed between the version of a lesson a learner read and the one the course offers
// now, in words a learner can act on. Pure; the lesson page shows the result.

export interface LessonText {
  title: string;
  objectives: readonly string[];
  body: string;
}

const INTRODUCTION = "Introduction";

/** The body's sections by their `## ` heading; text before the first heading is the introduction. */
export function sectionsOf(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let heading = INTRODUCTION;
  let lines: string[] = [];
  const flush = () => {
    const text = lines.join(" ").replace(/\s+/g, " ").trim();
    if (text || heading !== INTRODUCTION) sections.set(heading, text);
  };
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (match?.[1]) {
      flush();
      heading = match[1];
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** Sentences describing the change, most important first; empty when nothing changed. */
export function describeLessonChanges(before: LessonText, after: LessonText): string[] {
  const changes: string[] = [];
  if (before.title !== after.title) {
    changes.push(`The title is now “${after.title}” (it was “${before.title}”).`);
  }
  for (const objective of after.objectives) {
    if (!before.objectives.includes(objective)) changes.push(`New objective: ${objective}`);
  }
  for (const objective of before.objectives) {
    if (!after.objectives.includes(objective)) changes.push(`Objective removed: ${objective}`);
  }
  const old = sectionsOf(before.body);
  const now = sectionsOf(after.body);
  for (const [heading, text] of now) {
    const was = old.get(heading);
    if (was === undefined) changes.push(`New section: ${heading}`);
    else if (was !== text) changes.push(`Section changed: ${heading}`);
  }
  for (const heading of old.keys()) {
    if (!now.has(heading)) changes.push(`Section removed: ${heading}`);
  }
  if (changes.length === 0 && before.body !== after.body) {
    changes.push("Only the layout changed; the words are the same.");
  }
  return changes;
}

// A line diff of two versions' YAML, with each line's number in the old and the new text, so
// the page can say what changed in words as well as with + and -.
import { diffLines } from "diff";

export interface DiffLine {
  kind: "added" | "removed" | "same";
  /** The line's number in the older text (null for an added line). */
  oldNumber: number | null;
  /** The line's number in the newer text (null for a removed line). */
  newNumber: number | null;
  text: string;
}

export interface VersionDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
}

/** Unchanged lines further than this from a change are folded away. */
const CONTEXT = 3;

export function diffSources(older: string, newer: string): VersionDiff {
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  let added = 0;
  let removed = 0;
  // A last line without its newline is the same line: do not show it as changed.
  const ended = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);
  for (const change of diffLines(ended(older), ended(newer))) {
    const rows = change.value.replace(/\n$/, "").split("\n");
    for (const text of rows) {
      if (change.added) {
        lines.push({ kind: "added", oldNumber: null, newNumber: newNumber++, text });
        added++;
      } else if (change.removed) {
        lines.push({ kind: "removed", oldNumber: oldNumber++, newNumber: null, text });
        removed++;
      } else {
        lines.push({ kind: "same", oldNumber: oldNumber++, newNumber: newNumber++, text });
      }
    }
  }
  return { lines, added, removed };
}

export type Hunk = { kind: "lines"; lines: DiffLine[] } | { kind: "folded"; count: number };

/** The changed lines with a little unchanged context around them; the rest folded. */
export function hunksOf(diff: VersionDiff): Hunk[] {
  const near = diff.lines.map((_, index) =>
    diff.lines
      .slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1)
      .some((line) => line.kind !== "same"),
  );
  const hunks: Hunk[] = [];
  diff.lines.forEach((line, index) => {
    const last = hunks.at(-1);
    if (near[index]) {
      if (last?.kind === "lines") last.lines.push(line);
      else hunks.push({ kind: "lines", lines: [line] });
    } else if (last?.kind === "folded") last.count++;
    else hunks.push({ kind: "folded", count: 1 });
  });
  return hunks;
}

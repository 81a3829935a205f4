// Parse YAML and validate it with a zod schema, turning every error into a ContentProblem that
// carries the file's line and column. Pure: the caller reads the file.
import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import type { ContentProblem } from "./problems";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

interface ParseOptions {
  /** Lines before the YAML in the file, such as the `---` that opens Markdown front matter. */
  lineOffset?: number;
}

export function parseYaml<S extends z.ZodType>(
  source: string,
  schema: S,
  file: string,
  { lineOffset = 0 }: ParseOptions = {},
): Parsed<z.output<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };

  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        file,
        ...at(error.pos[0]),
        message: `YAML syntax: ${firstLine(error.message)}`,
      })),
    };
  }

  const data: unknown = doc.toJS();
  const result = schema.safeParse(data);
  if (result.success) return { ok: true, value: result.data };

  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const offset = offsetOf(doc.contents, issue);
      return {
        file,
        ...(offset === undefined ? {} : at(offset)),
        message: describeIssue(issue, data),
      };
    }),
  };
}

/** yaml's pretty messages end with the position and a code excerpt; the problem carries those. */
function firstLine(message: string): string {
  return (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
}

type Issue = z.core.$ZodIssue;

/** Find where an issue sits: the node at its path, or the nearest parent that exists. */
function offsetOf(root: unknown, issue: Issue): number | undefined {
  const path = issue.path.filter((key) => typeof key !== "symbol") as (string | number)[];
  let node = root as Node | null | undefined;
  const trail: Node[] = [];
  for (const key of path) {
    const next = childOf(node, key);
    if (next === undefined) break;
    if (node) trail.push(node);
    node = next;
  }
  // An unknown key is best shown at the key itself, not at the start of its object.
  if (issue.code === "unrecognized_keys" && isMap(node)) {
    const unknown = node.items.find(
      (pair) => isScalar(pair.key) && issue.keys.includes(String(pair.key.value)),
    );
    if (unknown && isScalar(unknown.key) && unknown.key.range) return unknown.key.range[0];
  }
  return node?.range?.[0] ?? trail.at(-1)?.range?.[0];
}

function childOf(node: Node | null | undefined, key: string | number): Node | undefined {
  if (!node || !("items" in node) || !Array.isArray(node.items)) return undefined;
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    return (pair?.value as Node | null | undefined) ?? undefined;
  }
  if (typeof key === "number") return (node.items[key] as Node | undefined) ?? undefined;
  return undefined;
}

/** Say what is wrong in words a content writer uses, with the path to the field. */
function describeIssue(issue: Issue, data: unknown): string {
  const field = formatPath(issue.path);
  const where = field ? `${field}: ` : "";
  switch (issue.code) {
    case "invalid_type": {
      // zod leaves the bad value out of the issue, so look it up in the parsed data.
      const value = valueAt(data, issue.path);
      if (value === undefined) return `${where}is missing (expected ${issue.expected})`;
      return `${where}expected ${issue.expected}, found ${describeValue(value)}`;
    }
    case "unrecognized_keys":
      return `${where}unknown field${issue.keys.length === 1 ? "" : "s"} ${issue.keys
        .map((key) => `"${key}"`)
        .join(", ")}`;
    case "invalid_union":
      // zod reports an unknown `type` this way; its own wording is meant for programmers.
      if ("options" in issue && Array.isArray(issue.options)) {
        return `${where}must be one of ${issue.options.join(", ")}`;
      }
      return `${where}${issue.message}`;
    default:
      return `${where}${issue.message}`;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

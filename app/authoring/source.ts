// A trainer's scenario text, judged before anything is stored or checked: its size, its YAML,
// the scenario language, and that its id is the scenario's own. Pure, so the editor's
// validation, saving and publishing all answer alike.
import { parseScenarioYaml, type Scenario, type ScenarioError } from "../../simulator";

/** The most a scenario's YAML may hold; the largest built-in scenario is about 25 KB. */
export const MAX_SOURCE_BYTES = 200 * 1024;

/**
 * Most steps the model checker may take in the authoring tool before it gives up. Every
 * built-in scenario finishes within 40,000 (the largest in about 3 seconds).
 */
export const CHECK_STEP_LIMIT = 60_000;

const encoder = new TextEncoder();

export function byteSize(text: string): number {
  return encoder.encode(text).length;
}

const number = new Intl.NumberFormat("en-GB");

/** "214.3 KB" */
export function kilobytes(bytes: number): string {
  return `${number.format(Math.round((bytes / 1024) * 10) / 10)} KB`;
}

/** The size problem, if any, naming the line where the text passes the limit. */
export function sizeError(text: string): ScenarioError | null {
  const size = byteSize(text);
  if (size <= MAX_SOURCE_BYTES) return null;
  let bytes = 0;
  let line = 1;
  for (const row of text.split("\n")) {
    bytes += byteSize(row) + 1;
    if (bytes > MAX_SOURCE_BYTES) break;
    line++;
  }
  return {
    path: "(document)",
    line,
    column: 1,
    message: `The scenario is ${kilobytes(size)} (${number.format(size)} bytes); the limit is ${kilobytes(MAX_SOURCE_BYTES)} (${number.format(MAX_SOURCE_BYTES)} bytes), which it passes on line ${number.format(line)}. Remove at least ${number.format(size - MAX_SOURCE_BYTES)} bytes, or split it into two scenarios.`,
  };
}

export type SourceResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; errors: ScenarioError[] };

export interface SourceOptions {
  /** The scenario's id: the document's `id` must stay the same. */
  scenarioId?: string;
  knownLessonIds?: ReadonlySet<string>;
}

/** Size, YAML, the scenario language, then the id: every error with its line and column. */
export function validateSource(text: string, options: SourceOptions = {}): SourceResult {
  const tooLarge = sizeError(text);
  if (tooLarge) return { ok: false, errors: [tooLarge] };
  if (text.trim() === "") {
    return {
      ok: false,
      errors: [
        {
          path: "(document)",
          line: 1,
          column: 1,
          message: "The scenario is empty: start from the template, or paste a scenario in.",
        },
      ],
    };
  }
  const parsed = parseScenarioYaml(
    text,
    options.knownLessonIds ? { knownLessonIds: options.knownLessonIds } : {},
  );
  if (!parsed.ok) return { ok: false, errors: sortErrors(parsed.errors) };
  if (options.scenarioId !== undefined && parsed.scenario.id !== options.scenarioId) {
    const line = lineOfTopLevelKey(text, "id") ?? 1;
    return {
      ok: false,
      errors: [
        {
          path: "id",
          line,
          column: 1,
          message: `The id must stay "${options.scenarioId}", the id this scenario was created with. To make a scenario with another id, duplicate this one.`,
        },
      ],
    };
  }
  return parsed;
}

function sortErrors(errors: ScenarioError[]): ScenarioError[] {
  return [...errors].sort(
    (a, b) =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

function lineOfTopLevelKey(text: string, key: string): number | null {
  const index = text.split("\n").findIndex((row) => row.startsWith(`${key}:`));
  return index === -1 ? null : index + 1;
}

/** The title of a text, if it parses far enough to have one; for lists of drafts. */
export function titleOf(text: string): string | null {
  const match = /^title:[ \t]*(.+)$/m.exec(text);
  const raw = match?.[1]?.trim();
  if (!raw) return null;
  return raw.replace(/^(["'])(.*)\1$/, "$2").slice(0, 200) || null;
}

import { isMap, isScalar, LineCounter, type Node, parseDocument } from "yaml";
import type { z } from "zod";
import {
  ACCOUNT,
  type FeedItemSeed,
  MINE,
  PERSONA_ACTIONS,
  type Scenario,
  type ScoreChange,
  scenarioSchema,
  TEXT_ACTIONS,
  TRAINEE_ITEM_PREFIX,
} from "./scenario";

export interface ScenarioError {
  /** Where the problem is, e.g. `beats[1].reactions[0].when.target`. */
  path: string;
  /** 1-based line and column in the YAML source, when parsed from YAML. */
  line?: number;
  column?: number;
  message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; errors: ScenarioError[] };

export interface ParseOptions {
  /**
   * Lesson ids that exist in the course. When given, every lesson a scenario names must be
   * one of them; when left out only the format of lesson ids is checked.
   */
  knownLessonIds?: ReadonlySet<string> | readonly string[];
}

type PathKey = string | number;

export function formatPath(path: readonly PathKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? key : `.${key}`;
  }
  return out === "" ? "(document)" : out;
}

/** Validate a scenario given as a JSON value (for example, a document stored by the app). */
export function parseScenario(input: unknown, options: ParseOptions = {}): ParseResult {
  const located = validate(input, options);
  if (located.ok) return located;
  return {
    ok: false,
    errors: located.issues.map(({ path, message }) => ({ path: formatPath(path), message })),
  };
}

/** Validate a scenario written in YAML; every error carries its line and column. */
export function parseScenarioYaml(text: string, options: ParseOptions = {}): ParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const position = lineCounter.linePos(error.pos[0]);
        return {
          path: "(yaml)",
          line: position.line,
          column: position.col,
          message: `YAML syntax error: ${error.message.split("\n")[0]}`,
        };
      }),
    };
  }
  const located = validate(document.toJS(), options);
  if (located.ok) return located;
  return {
    ok: false,
    errors: located.issues.map(({ path, message }) => {
      const position = lineCounter.linePos(offsetOf(document.contents, path));
      return { path: formatPath(path), line: position.line, column: position.col, message };
    }),
  };
}

/** Start offset of the deepest YAML node on `path`; a missing key points at its parent. */
function offsetOf(root: unknown, path: readonly PathKey[]): number {
  let node = root as Node | null | undefined;
  let offset = node?.range?.[0] ?? 0;
  for (const key of path) {
    if (!node || !("items" in node)) break;
    const collection = node as unknown as { items: unknown[] };
    let next: unknown;
    let keyOffset: number | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === key);
      next = pair?.value;
      keyOffset = isScalar(pair?.key) ? pair?.key.range?.[0] : undefined;
    } else if (typeof key === "number") {
      next = collection.items[key];
    }
    if (next === undefined && keyOffset === undefined) break;
    offset = keyOffset ?? (next as Node | undefined)?.range?.[0] ?? offset;
    node = next as Node | undefined;
  }
  return offset;
}

interface Issue {
  path: PathKey[];
  message: string;
}

function validate(
  input: unknown,
  options: ParseOptions,
): { ok: true; scenario: Scenario } | { ok: false; issues: Issue[] } {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: shapeIssues(parsed.error.issues, input) };
  const issues = referenceIssues(parsed.data, options);
  return issues.length === 0 ? { ok: true, scenario: parsed.data } : { ok: false, issues };
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function shapeIssues(zodIssues: readonly z.core.$ZodIssue[], input: unknown): Issue[] {
  const issues: Issue[] = [];
  for (const issue of zodIssues) {
    const path = issue.path.filter((key): key is PathKey => typeof key !== "symbol");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        issues.push({ path: [...path, key], message: `unknown key "${key}"` });
      }
    } else if (issue.code !== "custom" && valueAt(input, path) === undefined) {
      issues.push({ path, message: `"${String(path.at(-1) ?? "document")}" is required` });
    } else {
      issues.push({ path, message: issue.message });
    }
  }
  return issues;
}

/** Every cross-reference in a scenario that the shape alone cannot check. */
function referenceIssues(scenario: Scenario, options: ParseOptions): Issue[] {
  const issues: Issue[] = [];
  const add = (path: PathKey[], message: string) => issues.push({ path, message });
  const known = options.knownLessonIds ? new Set(options.knownLessonIds) : null;
  const checkLesson = (lesson: string, path: PathKey[]) => {
    if (known && !known.has(lesson)) add(path, `unknown lesson "${lesson}"`);
  };

  const duplicates = (ids: Array<{ id: string; path: PathKey[] }>, what: string) => {
    const seen = new Set<string>();
    for (const { id, path } of ids) {
      if (seen.has(id)) add(path, `duplicate ${what} id "${id}"`);
      seen.add(id);
    }
  };

  const personaIds = new Set(scenario.personas.map((persona) => persona.id));
  duplicates(
    scenario.personas.map((persona, i) => ({ id: persona.id, path: ["personas", i, "id"] })),
    "persona",
  );
  if (personaIds.has(ACCOUNT)) {
    add(["personas"], `"${ACCOUNT}" is reserved for the organisation's own account`);
  }

  // Feed items: the initial feed and every injected post, comment or mention share one namespace.
  const feedIds: Array<{ id: string; path: PathKey[] }> = [];
  const accountItems = new Set<string>();
  const commentIds = new Set<string>();
  const authorsOf = (by: string[], path: PathKey[], allowAccount: boolean) => {
    by.forEach((author, i) => {
      const at = by.length > 1 ? [...path, i] : path;
      if (author === ACCOUNT) {
        if (!allowAccount) add(at, "injects come from personas, not from the account");
      } else if (!personaIds.has(author)) {
        add(at, `unknown persona "${author}"`);
      }
    });
  };
  const walkFeed = (items: FeedItemSeed[], path: PathKey[], parentAt: number | null) => {
    items.forEach((item, i) => {
      const itemPath = [...path, i];
      feedIds.push({ id: item.id, path: [...itemPath, "id"] });
      if (parentAt !== null) commentIds.add(item.id);
      if (item.by.includes(ACCOUNT)) {
        if (item.by.length > 1) add([...itemPath, "by"], "the account cannot be a variant author");
        accountItems.add(item.id);
      }
      authorsOf(item.by, [...itemPath, "by"], true);
      if (item.at > 0) {
        add(
          [...itemPath, "at"],
          "the initial feed is what is there at the start: use 0 or a negative time, or an inject",
        );
      }
      if (parentAt !== null && item.at < parentAt) {
        add([...itemPath, "at"], "a comment cannot be older than what it replies to");
      }
      if (item.pinned && (parentAt !== null || !accountItems.has(item.id))) {
        add([...itemPath, "pinned"], "only the account's own posts can be pinned");
      }
      walkFeed(item.comments, [...itemPath, "comments"], item.at);
    });
  };
  walkFeed(scenario.feed, ["feed"], null);
  scenario.beats.forEach((beat, b) => {
    beat.injects.forEach((inject, i) => {
      const content = inject.content;
      const path: PathKey[] = ["beats", b, "injects", i, content.kind];
      if ("id" in content) feedIds.push({ id: content.id, path: [...path, "id"] });
      if (content.kind === "comment") commentIds.add(content.id);
    });
  });
  duplicates(feedIds, "feed item");
  const itemIds = new Set(feedIds.map(({ id }) => id));
  for (const { id, path } of feedIds) {
    if (id.startsWith(TRAINEE_ITEM_PREFIX) || id === MINE) {
      add(
        path,
        `"${MINE}" and ids starting "${TRAINEE_ITEM_PREFIX}" are kept for the trainee's own items`,
      );
    }
  }

  const beatIds = new Set(scenario.beats.map((beat) => beat.id));
  const outcomeIds = new Set(scenario.outcomes.map((outcome) => outcome.id));
  duplicates(
    [
      ...scenario.beats.map((beat, i) => ({ id: beat.id, path: ["beats", i, "id"] })),
      ...scenario.outcomes.map((outcome, i) => ({ id: outcome.id, path: ["outcomes", i, "id"] })),
    ],
    "beat or outcome",
  );
  const reactionIds: Array<{ id: string; path: PathKey[] }> = [];
  for (const [b, beat] of scenario.beats.entries()) {
    for (const [r, reaction] of beat.reactions.entries()) {
      if (reaction.id)
        reactionIds.push({ id: reaction.id, path: ["beats", b, "reactions", r, "id"] });
    }
  }
  duplicates(reactionIds, "reaction");
  const knownReactions = new Set(reactionIds.map(({ id }) => id));

  const rubric = new Map(scenario.rubric.items.map((item) => [item.id, item]));
  duplicates(
    scenario.rubric.items.map((item, i) => ({ id: item.id, path: ["rubric", "items", i, "id"] })),
    "rubric item",
  );
  scenario.rubric.items.forEach((item, i) => {
    checkLesson(item.lesson, ["rubric", "items", i, "lesson"]);
  });
  const maxPoints = scenario.rubric.items.reduce((sum, item) => sum + item.points, 0);
  if (scenario.rubric.passMark > maxPoints) {
    add(["rubric", "passMark"], `the pass mark is more than the ${maxPoints} points available`);
  }
  scenario.objectives.forEach((objective, i) => {
    checkLesson(objective.lesson, ["objectives", i, "lesson"]);
  });

  const checkScores = (scores: ScoreChange[], path: PathKey[], byTimeout: boolean) => {
    scores.forEach((change, i) => {
      const item = rubric.get(change.item);
      if (!item) {
        add([...path, i, "item"], `unknown rubric item "${change.item}"`);
      } else if (item.judged === "trainer" && byTimeout) {
        add(
          [...path, i, "item"],
          "a trainer can only grade something the trainee did, not a timeout",
        );
      } else if (item.judged === "trainer" && change.points !== undefined) {
        add([...path, i, "points"], `"${item.id}" is graded by a trainer: leave out the points`);
      }
    });
  };
  const checkGoto = (target: string, path: PathKey[], from: string) => {
    if (!beatIds.has(target) && !outcomeIds.has(target)) {
      add(path, `unknown beat or outcome "${target}"`);
    } else if (target === from) {
      add(path, "a beat cannot go to itself (leave out goto to stay in the beat)");
    }
  };
  const checkOutcome = (target: string, path: PathKey[]) => {
    if (!outcomeIds.has(target)) add(path, `unknown outcome "${target}"`);
  };

  if (scenario.start !== undefined && !beatIds.has(scenario.start)) {
    add(["start"], `unknown beat "${scenario.start}"`);
  }
  if (scenario.timeUp !== undefined) checkOutcome(scenario.timeUp, ["timeUp"]);

  scenario.beats.forEach((beat, b) => {
    const beatPath: PathKey[] = ["beats", b];
    if (beat.timeUp !== undefined) checkOutcome(beat.timeUp, [...beatPath, "timeUp"]);
    beat.injects.forEach((inject, i) => {
      const content = inject.content;
      const path: PathKey[] = [...beatPath, "injects", i];
      if (inject.after >= scenario.duration) {
        add([...path, "after"], "this inject would come after the run has ended");
      } else if (beat.timeout && inject.after > beat.timeout.after) {
        add([...path, "after"], "this inject would come after the beat has timed out");
      }
      if ("by" in content) authorsOf(content.by, [...path, content.kind, "by"], false);
      if ("on" in content && !itemIds.has(content.on)) {
        add([...path, content.kind, "on"], `unknown feed item "${content.on}"`);
      }
    });
    beat.reactions.forEach((reaction, r) => {
      const path: PathKey[] = [...beatPath, "reactions", r];
      const when = reaction.when;
      const whenPath = [...path, "when"];
      const isText = (TEXT_ACTIONS as readonly string[]).includes(when.action);
      const onPersona = (PERSONA_ACTIONS as readonly string[]).includes(when.action);
      if (when.target !== undefined) {
        if (onPersona || when.action === "post") {
          add([...whenPath, "target"], `"${when.action}" has no target item: use persona`);
        } else if (when.target === MINE) {
          if (["hide", "unhide"].includes(when.action)) {
            add([...whenPath, "target"], "the trainee's own items cannot be hidden: delete them");
          }
        } else if (!itemIds.has(when.target)) {
          add([...whenPath, "target"], `unknown feed item "${when.target}"`);
        } else if (
          ["edit", "delete", "pin"].includes(when.action) &&
          !accountItems.has(when.target)
        ) {
          add([...whenPath, "target"], `only the account's own items can be ${when.action}ed`);
        } else if (
          ["hide", "unhide"].includes(when.action) &&
          (!commentIds.has(when.target) || accountItems.has(when.target))
        ) {
          add([...whenPath, "target"], "only other people's comments can be hidden");
        }
      }
      if (when.persona !== undefined) {
        if (when.action === "post") add([...whenPath, "persona"], '"post" is not aimed at anyone');
        else if (!personaIds.has(when.persona)) {
          add([...whenPath, "persona"], `unknown persona "${when.persona}"`);
        }
      }
      if (when.team !== undefined && when.action !== "escalate") {
        add([...whenPath, "team"], 'a team only applies to "escalate"');
      }
      if (when.reason !== undefined && when.action !== "report") {
        add([...whenPath, "reason"], 'a reason only applies to "report"');
      }
      if (!isText && (when.found.length > 0 || when.absent.length > 0)) {
        add(
          [...whenPath, when.found.length > 0 ? "found" : "absent"],
          `"${when.action}" has no text to analyse (only ${TEXT_ACTIONS.join(", ")} do)`,
        );
      }
      for (const kind of when.found) {
        if (when.absent.includes(kind)) {
          add([...whenPath, "absent"], `"${kind}" cannot be both found and absent`);
        }
      }
      when.done.forEach((done, i) => {
        if (!knownReactions.has(done)) add([...whenPath, "done", i], `unknown reaction "${done}"`);
      });
      if (reaction.lesson !== undefined) checkLesson(reaction.lesson, [...path, "lesson"]);
      checkScores(reaction.score, [...path, "score"], false);
      if (reaction.goto !== undefined) checkGoto(reaction.goto, [...path, "goto"], beat.id);
    });
    if (beat.timeout) {
      const path: PathKey[] = [...beatPath, "timeout"];
      if (beat.timeout.after >= scenario.duration) {
        add([...path, "after"], "this timeout would come after the run has ended");
      }
      checkGoto(beat.timeout.goto, [...path, "goto"], beat.id);
      checkScores(beat.timeout.score, [...path, "score"], true);
      beat.timeout.unless.forEach((id, i) => {
        if (!knownReactions.has(id)) add([...path, "unless", i], `unknown reaction "${id}"`);
      });
    }
  });
  return issues;
}

import { z } from "zod";
import { contactKey } from "../analysis/contacts";
import { parseDuration } from "./duration";

/**
 * The scenario document, as a trainer writes it (YAML in courses/scenarios/, or the same JSON).
 * Every object is strict: a key the schema does not know is an error, so a typo never
 * silently changes a scenario. The parsed form (`Scenario`) has defaults filled in, durations
 * in milliseconds and every "text or list of alternatives" turned into a list.
 */

export const PERSONA_KINDS = [
  "resident",
  "journalist",
  "councillor",
  "colleague",
  "troll",
  "impostor",
  "staff",
  "business",
  "community-group",
  "partner",
  "campaigner",
  "other",
] as const;

export const TEAMS = [
  "comms",
  "safeguarding",
  "press-office",
  "complaints",
  "legal",
  "line-manager",
] as const;

export const REPORT_REASONS = [
  "abuse",
  "harassment",
  "hate",
  "threat",
  "spam",
  "impersonation",
  "personal-data",
  "misinformation",
  "other",
] as const;

/** What reply analysis can find in a text; reactions test these in `found` and `absent`. */
export const FINDING_KINDS = [
  "personal-data",
  "apology",
  "correction",
  "signposting",
  "too-long",
  "shouting",
  "hostile",
  "sarcastic",
  "defensive",
  "party-political",
  "over-promise",
] as const;

/** Actions a reaction can respond to (waiting is not an action anything reacts to). */
export const REACTABLE_ACTIONS = [
  "reply",
  "post",
  "edit",
  "delete",
  "hide",
  "unhide",
  "report",
  "block",
  "message",
  "escalate",
  "like",
  "pin",
] as const;

/** Actions whose text is analysed, so `found` and `absent` apply to them. */
export const TEXT_ACTIONS = ["reply", "post", "edit", "message"] as const;
/** Actions aimed at a persona rather than a feed item. */
export const PERSONA_ACTIONS = ["block", "message"] as const;

export type PersonaKind = (typeof PERSONA_KINDS)[number];
export type Team = (typeof TEAMS)[number];
export type ReportReason = (typeof REPORT_REASONS)[number];
export type FindingKind = (typeof FINDING_KINDS)[number];
export type ReactableAction = (typeof REACTABLE_ACTIONS)[number];

/** The organisation's own account, written as `by: account`. */
export const ACCOUNT = "account";
/** In a reaction, `target: mine` means any item the trainee created during the run. */
export const MINE = "mine";
/** Feed items the trainee creates get ids with this prefix, so authors may not use it. */
export const TRAINEE_ITEM_PREFIX = "mine-";
/** Hard limit on a run's simulated length: keeps runs and model checking small. */
export const MAX_DURATION_MS = 2 * 60 * 60 * 1000;

const id = z
  .string({ error: "expected an id" })
  .regex(
    /^[a-z0-9][a-z0-9-]*$/,
    'an id uses lower-case letters, digits and hyphens, e.g. "bins-post"',
  );

const lessonId = z
  .string({ error: "expected a lesson id" })
  .regex(
    /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/,
    'a lesson id looks like "staff-social-media/escalation"',
  );

const text = z.string({ error: "expected text" }).trim().min(1, "text must not be empty");

const handle = z
  .string({ error: "expected a handle" })
  .regex(/^@[A-Za-z0-9_]{1,30}$/, 'a handle looks like "@AnyshireCouncil"');

function duration(what: string) {
  return z
    .union([z.number(), z.string()], { error: `expected ${what}, e.g. "20s", "3m" or 90` })
    .transform((value, ctx) => {
      const ms = parseDuration(value);
      if (ms === null) {
        ctx.addIssue({
          code: "custom",
          message: `"${value}" is not a duration: write e.g. "20s", "3m", "1m30s" or 90 (seconds)`,
        });
        return z.NEVER;
      }
      return ms;
    });
}

/**
 * A phone number or e-mail address the organisation publishes, as it is published. YAML reads
 * a number written without spaces (01632960000) as a number and drops its 0, hence the advice.
 */
const contact = z
  .string({
    error: 'expected a phone number or e-mail address: put a number in quotes, e.g. "01632960000"',
  })
  .trim()
  .superRefine((value, ctx) => {
    if (contactKey(value) === null) {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is not a full UK phone number or an e-mail address: list each contact on its own, as published, e.g. "01632 960000" or "press@democounty.example"`,
      });
    }
  });

const nonNegativeDuration = (what: string) =>
  duration(what).refine((ms) => ms >= 0, { message: `${what} cannot be negative` });

/** A text, or a list of alternative wordings picked by the run's seed. */
const variantTexts = z
  .union([text, z.array(text).min(1, "give at least one alternative")], {
    error: "expected text, or a list of alternative texts",
  })
  .transform((value) => (typeof value === "string" ? [value] : value));

/** A persona id, or a list of alternative personas picked by the run's seed. */
const variantAuthors = z
  .union([id, z.array(id).min(1, "give at least one alternative")], {
    error: "expected a persona id, or a list of alternative persona ids",
  })
  .transform((value) => (typeof value === "string" ? [value] : value));

const meterChange = z.strictObject({
  mood: z.number().int().optional(),
  reach: z.number().int().optional(),
});

const scoreChange = z.strictObject({
  item: id,
  /** Defaults to the rubric item's full points; negative for a penalty. */
  points: z.number().int().optional(),
  feedback: text,
});

const persona = z.strictObject({
  id,
  name: text,
  handle,
  kind: z.enum(PERSONA_KINDS, {
    error: `expected one of: ${PERSONA_KINDS.join(", ")}`,
  }),
  /** Private details (an address, a child's name) that must never be repeated in public. */
  personalDetails: z.array(text).default([]),
});

interface FeedItemDocument {
  id: string;
  by: string[];
  at: number;
  text: string[];
  likes: number;
  shares: number;
  pinned: boolean;
  comments: FeedItemDocument[];
}

const feedItem: z.ZodType<FeedItemDocument, unknown> = z.lazy(() =>
  z.strictObject({
    id,
    by: variantAuthors,
    at: duration('a time relative to the start, e.g. "-2h"').default(0),
    text: variantTexts,
    likes: z.number().int().min(0).default(0),
    shares: z.number().int().min(0).default(0),
    pinned: z.boolean().default(false),
    comments: z.array(feedItem).default([]),
  }),
);

const INJECT_KINDS = ["post", "comment", "mention", "message", "wave"] as const;

const injectDocument = z
  .strictObject({
    after: nonNegativeDuration("a delay"),
    post: z.strictObject({ id, by: variantAuthors, text: variantTexts }).optional(),
    comment: z.strictObject({ id, on: id, by: variantAuthors, text: variantTexts }).optional(),
    mention: z.strictObject({ id, by: variantAuthors, text: variantTexts }).optional(),
    message: z.strictObject({ by: variantAuthors, text: variantTexts }).optional(),
    wave: z
      .strictObject({
        on: id,
        likes: z.number().int().min(0).default(0),
        shares: z.number().int().min(0).default(0),
      })
      .optional(),
    meters: meterChange.optional(),
  })
  .superRefine((inject, ctx) => {
    const given = INJECT_KINDS.filter((kind) => inject[kind] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: "custom",
        message: `an inject needs exactly one of: ${INJECT_KINDS.join(", ")} (found ${given.length === 0 ? "none" : given.join(", ")})`,
      });
    }
  });

type InjectDocument = z.output<typeof injectDocument>;

export type InjectContent =
  | { kind: "post"; id: string; by: string[]; text: string[] }
  | { kind: "comment"; id: string; on: string; by: string[]; text: string[] }
  | { kind: "mention"; id: string; by: string[]; text: string[] }
  | { kind: "message"; by: string[]; text: string[] }
  | { kind: "wave"; on: string; likes: number; shares: number };

function injectContent(inject: InjectDocument): InjectContent {
  if (inject.post) return { kind: "post", ...inject.post };
  if (inject.comment) return { kind: "comment", ...inject.comment };
  if (inject.mention) return { kind: "mention", ...inject.mention };
  if (inject.message) return { kind: "message", ...inject.message };
  if (inject.wave) return { kind: "wave", ...inject.wave };
  throw new Error("inject without content passed validation");
}

const inject = injectDocument.transform((document) => ({
  after: document.after,
  meters: document.meters ?? {},
  content: injectContent(document),
}));

const condition = z.strictObject({
  action: z.enum(REACTABLE_ACTIONS, {
    error: `expected one of: ${REACTABLE_ACTIONS.join(", ")}`,
  }),
  /** The feed item acted on, or `mine` for any item the trainee created in this run. */
  target: id.optional(),
  /** The persona acted on (block, message) or the author of the item acted on. */
  persona: id.optional(),
  team: z.enum(TEAMS, { error: `expected one of: ${TEAMS.join(", ")}` }).optional(),
  reason: z
    .enum(REPORT_REASONS, { error: `expected one of: ${REPORT_REASONS.join(", ")}` })
    .optional(),
  /** Every one of these must be in the text. */
  found: z
    .array(z.enum(FINDING_KINDS, { error: `expected one of: ${FINDING_KINDS.join(", ")}` }))
    .default([]),
  /** None of these may be in the text. */
  absent: z
    .array(z.enum(FINDING_KINDS, { error: `expected one of: ${FINDING_KINDS.join(", ")}` }))
    .default([]),
  /** Reactions (by id) that must already have happened in this run. */
  done: z.array(id).default([]),
});

const reaction = z.strictObject({
  /** Needed only when another reaction's `done` or a timeout's `unless` refers to it. */
  id: id.optional(),
  when: condition,
  feedback: text.optional(),
  lesson: lessonId.optional(),
  score: z.array(scoreChange).default([]),
  meters: meterChange.default({}),
  goto: id.optional(),
  /** By default a reaction happens once per run; `repeat: true` lets it happen every time. */
  repeat: z.boolean().default(false),
});

const timeout = z.strictObject({
  after: nonNegativeDuration("a delay"),
  goto: id,
  /** What the trainee failed to do in time, as it appears in the debrief. */
  missed: text.optional(),
  /** The deadline does not apply if any of these reactions (by id) has happened. */
  unless: z.array(id).default([]),
  score: z.array(scoreChange).default([]),
  meters: meterChange.default({}),
});

const beat = z.strictObject({
  id,
  title: text.optional(),
  injects: z.array(inject).default([]),
  reactions: z.array(reaction).default([]),
  timeout: timeout.optional(),
  /** The ending if time runs out in this beat; overrides the scenario's `timeUp`. */
  timeUp: id.optional(),
});

const outcome = z.strictObject({
  id,
  result: z.enum(["passed", "failed"], { error: 'expected "passed" or "failed"' }),
  title: text,
  debrief: text,
});

const rubricItem = z.strictObject({
  id,
  title: text,
  points: z.number().int().min(1, "a rubric item is worth at least 1 point"),
  lesson: lessonId,
  judged: z.enum(["auto", "trainer"], { error: 'expected "auto" or "trainer"' }).default("auto"),
});

export const scenarioSchema = z.strictObject({
  id,
  title: text,
  summary: text,
  level: z.enum(["core", "advanced"], { error: 'expected "core" or "advanced"' }),
  duration: duration("the run's length").refine((ms) => ms > 0 && ms <= MAX_DURATION_MS, {
    message: "the duration must be more than 0 and at most 2h",
  }),
  account: z.strictObject({
    name: text,
    handle,
    /** The organisation's published phone numbers and e-mail addresses: never personal data. */
    contacts: z.array(contact).default([]),
  }),
  objectives: z
    .array(z.strictObject({ text, lesson: lessonId }))
    .min(1, "list at least one learning objective"),
  personas: z.array(persona).min(1, "the cast needs at least one persona"),
  meters: z
    .strictObject({
      mood: z.number().int().min(0).max(100).default(50),
      reach: z.number().int().min(0).default(0),
    })
    .default({ mood: 50, reach: 0 }),
  feed: z.array(feedItem).default([]),
  /** The beat the run starts in; defaults to the first beat. */
  start: id.optional(),
  beats: z.array(beat).min(1, "a scenario needs at least one beat"),
  outcomes: z.array(outcome).min(1, "a scenario needs at least one outcome"),
  /** The ending if time runs out, unless the current beat names its own. */
  timeUp: id.optional(),
  rubric: z.strictObject({
    passMark: z.number().int().min(0),
    items: z.array(rubricItem).min(1, "the rubric needs at least one item"),
  }),
});

/** A scenario as written (input to parsing). */
export type ScenarioDocument = z.input<typeof scenarioSchema>;
/** A validated scenario with defaults applied and durations in milliseconds. */
export type Scenario = z.output<typeof scenarioSchema>;
export type Persona = Scenario["personas"][number];
export type FeedItemSeed = FeedItemDocument;
export type Beat = Scenario["beats"][number];
export type Inject = Beat["injects"][number];
export type Reaction = Beat["reactions"][number];
export type ReactionCondition = Reaction["when"];
export type BeatTimeout = NonNullable<Beat["timeout"]>;
export type ScoreChange = Reaction["score"][number];
export type MeterChange = z.output<typeof meterChange>;
export type Outcome = Scenario["outcomes"][number];
export type RubricItem = Scenario["rubric"]["items"][number];

// Scenarios, their immutable versions, and trainees' runs of them. A run is event-sourced:
// (version, seed, start time) plus its append-only actions; the feed, score and outcome are
// always derived by replaying the simulator, and stored here only as a summary for lists.
import {
  type AnyPgColumn,
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { stampedNow } from "./columns";
import { users } from "./people";

export const scenarioSourceEnum = pgEnum("scenario_source", ["built-in", "authored"]);
export const scenarioStatusEnum = pgEnum("scenario_status", ["draft", "published", "archived"]);
/** practice: pause and fast-forward, does not count; assessed: real time, counts; playtest: a trainer trying a draft. */
export const runModeEnum = pgEnum("run_mode", ["practice", "assessed", "playtest"]);
/** The simulator's RunView.status, kept on the run for lists and certification. */
export const runStatusEnum = pgEnum("run_status", [
  "running",
  "passed",
  "failed",
  "awaiting-trainer",
]);

/** A scenario by its document id. Built-in ones come from courses/scenarios; authored ones from trainers. */
export const scenarios = pgTable("scenarios", {
  id: text("id").primaryKey(),
  source: scenarioSourceEnum("source").notNull(),
  status: scenarioStatusEnum("status").notNull(),
  /** The version new runs are started on; null until something is published. */
  currentVersionId: uuid("current_version_id").references((): AnyPgColumn => scenarioVersions.id),
  /** For a fork: the built-in scenario it was copied from. */
  forkedFromId: text("forked_from_id"),
  createdBy: text("created_by").references(() => users.id),
  createdAt: stampedNow("created_at"),
  updatedAt: stampedNow("updated_at"),
});

/**
 * One version of a scenario, never changed once written: runs point at the version they were
 * played on. `document` is the parsed scenario (the simulator's JSON form), `source` the YAML.
 */
export const scenarioVersions = pgTable(
  "scenario_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    number: integer("number").notNull(),
    /** sha256 of the YAML source: the same text is the same version. */
    hash: text("hash").notNull(),
    source: text("source").notNull(),
    document: jsonb("document").notNull(),
    title: text("title").notNull(),
    level: text("level").notNull(),
    /** Null for a version that was only play-tested and never published. */
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: stampedNow("created_at"),
  },
  (table) => [
    uniqueIndex("scenario_versions_number_unique").on(table.scenarioId, table.number),
    uniqueIndex("scenario_versions_hash_unique").on(table.scenarioId, table.hash),
  ],
);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    scenarioVersionId: uuid("scenario_version_id")
      .notNull()
      .references(() => scenarioVersions.id),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    mode: runModeEnum("mode").notNull(),
    seed: text("seed").notNull(),
    startedAt: stampedNow("started_at"),
    /**
     * The simulated clock: time = clockOffsetMs + (now - clockRunningSince) while running,
     * or clockOffsetMs while paused (clockRunningSince null). Only practice and playtest
     * runs may pause or skip ahead; assessed runs keep real time from startedAt.
     */
    clockOffsetMs: bigint("clock_offset_ms", { mode: "number" }).notNull().default(0),
    clockRunningSince: timestamp("clock_running_since", { withTimezone: true }),
    status: runStatusEnum("status").notNull().default("running"),
    outcomeId: text("outcome_id"),
    score: integer("score"),
    maxScore: integer("max_score"),
    passMark: integer("pass_mark"),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    actionCount: integer("action_count").notNull().default(0),
  },
  (table) => [
    index("runs_user_idx").on(table.userId, table.scenarioId),
    index("runs_scenario_version_idx").on(table.scenarioVersionId),
  ],
);

/** The trainee's actions, append-only. (run_id, seq) is unique, so concurrent appends serialise. */
export const runActions = pgTable(
  "run_actions",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    /** Simulated milliseconds since the run started, stamped by the server. */
    atMs: integer("at_ms").notNull(),
    action: jsonb("action").notNull(),
    recordedAt: stampedNow("recorded_at"),
  },
  (table) => [primaryKey({ columns: [table.runId, table.seq] })],
);

/** A trainer's grade of one trainee text that a `judged: trainer` rubric item needs. */
export const trainerGrades = pgTable(
  "trainer_grades",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    /** The simulator's PendingGrade: which action's text, for which rubric item. */
    actionIndex: integer("action_index").notNull(),
    rubricItem: text("rubric_item").notNull(),
    meets: boolean("meets").notNull(),
    points: integer("points").notNull(),
    feedback: text("feedback").notNull(),
    gradedBy: text("graded_by")
      .notNull()
      .references(() => users.id),
    gradedAt: stampedNow("graded_at"),
  },
  (table) => [
    uniqueIndex("trainer_grades_unique").on(table.runId, table.actionIndex, table.rubricItem),
  ],
);

export type RunMode = (typeof runModeEnum.enumValues)[number];
export type RunStatus = (typeof runStatusEnum.enumValues)[number];

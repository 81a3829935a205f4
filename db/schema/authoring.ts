// What trainers are writing: one working draft per authored scenario, and the model checker's
// verdicts, kept per exact source text. Published content never lives here: publishing copies
// the draft into an immutable scenario_versions row (db/schema/practice.ts).
import { boolean, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { CheckFailure, ScenarioError } from "../../simulator";
import { stampedNow } from "./columns";
import { users } from "./people";
import { scenarios } from "./practice";

/** The YAML a trainer is editing, saved automatically as they type. */
export const scenarioDrafts = pgTable("scenario_drafts", {
  scenarioId: text("scenario_id")
    .primaryKey()
    .references(() => scenarios.id),
  source: text("source").notNull(),
  /** The title from the last text that parsed, so lists can name a draft that is broken now. */
  title: text("title").notNull(),
  /** Up by one on every save: an editor that loaded revision n can tell if someone saved since. */
  revision: integer("revision").notNull().default(1),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: stampedNow("updated_at"),
});

/**
 * The checker's verdict on one exact text of a scenario (by the sha256 of the YAML), so the same
 * text is never checked twice and the list can show the latest result of any scenario.
 */
export const scenarioChecks = pgTable(
  "scenario_checks",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scenarioId: text("scenario_id")
      .notNull()
      .references(() => scenarios.id),
    hash: text("hash").notNull(),
    ok: boolean("ok").notNull(),
    /** Abstract states explored (0 when the text did not parse or the check gave up). */
    states: integer("states").notNull(),
    errors: jsonb("errors").$type<ScenarioError[]>().notNull(),
    failures: jsonb("failures").$type<CheckFailure[]>().notNull(),
    checkedBy: text("checked_by").references(() => users.id),
    checkedAt: stampedNow("checked_at"),
  },
  (table) => [uniqueIndex("scenario_checks_hash_unique").on(table.scenarioId, table.hash)],
);

// Certificates, their renewals and reminders, and live-account access. A certificate's status
// (valid, expiring, expired, revoked) is never stored: it is worked out from its dates with the
// app's clock, so nothing depends on a scheduled job having run.
import { sql } from "drizzle-orm";
import {
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

/** What one requirement was met by, pinned when the certificate was awarded or renewed. */
export interface PinnedEvidence {
  requirementId: string;
  type: "programme" | "lessons" | "quiz" | "scenario" | "trainer-sign-off";
  /** When the evidence was made (the last lesson done, the attempt submitted, the run ended). */
  at: string;
  certificateId?: string;
  lessonVersionIds?: string[];
  courseId?: string;
  /** The course version's content hash the lessons or the attempt were on. */
  courseContentHash?: string;
  attemptId?: string;
  runId?: string;
  scenarioId?: string;
  scenarioVersionId?: string;
  /** sha256 of the scenario version's YAML. */
  scenarioHash?: string;
  gradeIds?: string[];
}

/** One certificate per award. Renewal extends `expiresAt`; a lapsed one is followed by a new award. */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    programmeId: text("programme_id").notNull(),
    /** The programme's title and file hash when awarded: the rules it was earned under. */
    programmeTitle: text("programme_title").notNull(),
    programmeHash: text("programme_hash").notNull(),
    /** The public verification code: random, unguessable, shown on the certificate. */
    code: text("code").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    evidence: jsonb("evidence").$type<PinnedEvidence[]>().notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: text("revoked_by").references(() => users.id),
    revokedReason: text("revoked_reason"),
    /** When the app recorded that it had expired (audited once; status comes from the dates). */
    expiryRecordedAt: timestamp("expiry_recorded_at", { withTimezone: true }),
    /**
     * Its place in the published revocation status lists (decision 066): list
     * `index / 131072 + 1`, bit `index % 131072`. Chosen at random among the free places by the
     * database on insert (migration 0008), so it tells nothing about when it was issued.
     */
    statusListIndex: integer("status_list_index").notNull().default(sql`next_status_list_index()`),
    createdAt: stampedNow("created_at"),
  },
  (table) => [
    uniqueIndex("certificates_code_unique").on(table.code),
    uniqueIndex("certificates_status_list_index_unique").on(table.statusListIndex),
    // What a status list is built from: the places of revoked certificates, found by index.
    index("certificates_revoked_status_idx")
      .on(table.statusListIndex)
      .where(sql`revoked_at is not null`),
    index("certificates_user_idx").on(table.userId, table.programmeId, table.issuedAt),
    index("certificates_expires_idx").on(table.expiresAt),
  ],
);

/** Each renewal: the period it added and the evidence it rested on. */
export const certificateRenewals = pgTable(
  "certificate_renewals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id, { onDelete: "cascade" }),
    renewedAt: timestamp("renewed_at", { withTimezone: true }).notNull(),
    previousExpiresAt: timestamp("previous_expires_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    programmeHash: text("programme_hash").notNull(),
    evidence: jsonb("evidence").$type<PinnedEvidence[]>().notNull(),
  },
  (table) => [
    // One renewal per period: two requests renewing at once cannot extend it twice.
    uniqueIndex("certificate_renewals_period_unique").on(
      table.certificateId,
      table.previousExpiresAt,
    ),
  ],
);

/** A reminder sent for one period of a certificate, so each is sent once. */
export const certificateReminders = pgTable(
  "certificate_reminders",
  {
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id, { onDelete: "cascade" }),
    /** The expiry the reminder was about: a renewed certificate is reminded again. */
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    daysBefore: integer("days_before").notNull(),
    sentAt: stampedNow("sent_at"),
  },
  (table) => [primaryKey({ columns: [table.certificateId, table.expiresAt, table.daysBefore] })],
);

/** Platforms an admin added beyond the built-in ones (app/certification/platforms.ts). */
export const accountPlatforms = pgTable("account_platforms", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** The programme whose certificate a live account on this platform needs. */
  programmeId: text("programme_id").notNull(),
  createdBy: text("created_by").references(() => users.id),
  createdAt: stampedNow("created_at"),
});

/** Settings an admin can change, such as the handle naming rule. */
export const certificationSettings = pgTable("certification_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedBy: text("updated_by").references(() => users.id),
  updatedAt: stampedNow("updated_at"),
});

export const accountRequestStatusEnum = pgEnum("account_request_status", [
  "pending",
  "approved",
  "rejected",
]);

/**
 * A request for a live account, and once decided, the live account itself. Whether an approved
 * account is active or suspended is derived from the holder's certificate at read time;
 * `observedState` only remembers what was last seen, so each suspension and reinstatement is
 * audited once.
 */
export const accountRequests = pgTable(
  "account_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    platformId: text("platform_id").notNull(),
    platformName: text("platform_name").notNull(),
    handle: text("handle").notNull(),
    programmeId: text("programme_id").notNull(),
    status: accountRequestStatusEnum("status").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    decidedBy: text("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    observedState: text("observed_state").$type<"active" | "suspended">(),
    /** A manager's suspension of this one account, which only a manager lifts. */
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspendedBy: text("suspended_by").references(() => users.id),
    suspensionReason: text("suspension_reason"),
  },
  (table) => [
    index("account_requests_user_idx").on(table.userId),
    index("account_requests_status_idx").on(table.status),
    // One open or live account per platform and person.
    uniqueIndex("account_requests_open_unique")
      .on(table.userId, table.platformId)
      .where(sql`status in ('pending', 'approved')`),
  ],
);

/**
 * How far each person is towards each programme, and when they last did anything that counts,
 * written whenever their evidence is re-evaluated (awardIfEligible); and a copy of their newest
 * certificate's dates, so the dashboard reads one row per person (decision 062). Only for the
 * dashboard: awards, renewals and live accounts always read `certificates`.
 */
export const certificationProgress = pgTable(
  "certification_progress",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    programmeId: text("programme_id").notNull(),
    /** Steps done and steps in all: each lesson, quiz, scenario and sign-off is one step. */
    done: integer("done").notNull(),
    total: integer("total").notNull(),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    /**
     * The newest certificate for the programme (by issue time), copied by a trigger on
     * `certificates` in the same transaction as every insert or change (migration 0005).
     * Status is still worked out from these dates when read.
     */
    certificateId: uuid("certificate_id"),
    certificateIssuedAt: timestamp("certificate_issued_at", { withTimezone: true }),
    certificateExpiresAt: timestamp("certificate_expires_at", { withTimezone: true }),
    certificateRevokedAt: timestamp("certificate_revoked_at", { withTimezone: true }),
    updatedAt: stampedNow("updated_at"),
  },
  (table) => [primaryKey({ columns: [table.userId, table.programmeId] })],
);

export type Certificate = typeof certificates.$inferSelect;
export type AccountRequest = typeof accountRequests.$inferSelect;

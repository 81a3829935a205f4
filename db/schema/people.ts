import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

import { roles } from "../roles";
import { stampedNow } from "./columns";

export { type Role, roles } from "../roles";
export const roleEnum = pgEnum("role", roles);

export const departments = pgTable("departments", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  createdAt: stampedNow("created_at"),
});

// Lucia wants a text id; we fill it with a UUID.
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey().default(sql`gen_random_uuid()::text`),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: roleEnum("role").notNull().default("staff"),
    departmentId: uuid("department_id").references(() => departments.id),
    lineManagerId: text("line_manager_id").references((): AnyPgColumn => users.id),
    active: boolean("active").notNull().default(true),
    createdAt: stampedNow("created_at"),
    updatedAt: stampedNow("updated_at"),
  },
  (table) => [
    // One person per address whatever its case: "Jo@x" and "jo@x" are the same inbox.
    uniqueIndex("users_email_lower_unique").on(sql`lower(${table.email})`),
    index("users_department_idx").on(table.departmentId),
    index("users_line_manager_idx").on(table.lineManagerId),
    // Lists of people sort by name: the dashboard's first page walks this instead of sorting all.
    index("users_name_order_idx").on(sql`lower(${table.name})`, table.id),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (table) => [index("sessions_user_idx").on(table.userId)],
);

export const passwordCredentials = pgTable("password_credentials", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  hash: text("hash").notNull(),
  updatedAt: stampedNow("updated_at"),
});

export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // "account:<email>" or "address:<ip>": one table throttles both.
    key: text("key").notNull(),
    failedAt: stampedNow("failed_at"),
  },
  (table) => [index("sign_in_failures_key_idx").on(table.key, table.failedAt)],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    at: stampedNow("at"),
  },
  (table) => [
    index("audit_log_subject_idx").on(table.subjectType, table.subjectId),
    index("audit_log_at_idx").on(table.at),
  ],
);

import { timestamp } from "drizzle-orm/pg-core";

/** A moment with its time zone, filled in by the database when the row is written. */
export const stampedNow = (name: string) =>
  timestamp(name, { withTimezone: true }).notNull().defaultNow();

import { count, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { database, db } from "../../app/db.server";
import { env } from "../../app/env.server";
import { migrateDatabase } from "../../db/migrate";

// One database suite, two engines: PGlite in memory by default, the PostgreSQL server named
// by DATABASE_URL when set. Test files run one at a time, each in its own process, and each
// starts from an empty, freshly migrated database.

export { database, db };

export async function prepareDatabase(): Promise<void> {
  if (database.driver === "postgres") {
    // Files share the server's database, so wipe what the previous file left behind.
    await db.execute(sql.raw("drop schema if exists public cascade"));
    await db.execute(sql.raw("create schema public"));
    await db.execute(sql.raw("drop schema if exists drizzle cascade"));
  } else if (!env.PGLITE_DIR.startsWith("memory://")) {
    throw new Error(
      `The database tests would write to ${env.PGLITE_DIR}; run them with PGLITE_DIR=memory://`,
    );
  }
  await migrateDatabase(database);
}

/** Empties every table, for tests that need a database with nobody in it. */
export async function emptyTables(): Promise<void> {
  await db.execute(
    sql.raw(
      "truncate table audit_log, sessions, password_credentials, sign_in_failures, users, departments restart identity cascade",
    ),
  );
}

let closed = false;
/** An open pool keeps node alive: every file closes the database in `after()`. */
export async function closeDatabase(): Promise<void> {
  if (closed) return;
  closed = true;
  await database.close();
}

/** How many rows a table holds, to show that something wrote nothing. */
export async function countRows(table: PgTable): Promise<number> {
  const [row] = await db.select({ n: count() }).from(table);
  return row?.n ?? 0;
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function queryRows<T extends Record<string, unknown>>(query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

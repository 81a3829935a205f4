import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { DatabaseHandle } from "./client";

const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies every drizzle-kit migration not yet applied. Safe to run on each start. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  // The drivers' migrators differ only in type; the SQL and bookkeeping are the same.
  if (handle.driver === "postgres") {
    // biome-ignore lint/suspicious/noExplicitAny: the migrator wants the concrete driver type
    await migratePostgres(handle.db as any, { migrationsFolder });
  } else {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    await migratePglite(handle.db as any, { migrationsFolder });
  }
}

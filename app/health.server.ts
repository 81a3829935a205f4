import { sql } from "drizzle-orm";
import { database, db } from "./db.server";

export async function databaseHealth(): Promise<{ database: "up" | "down"; driver: string }> {
  try {
    await db.execute(sql`select 1`);
    return { database: "up", driver: database.driver };
  } catch {
    return { database: "down", driver: database.driver };
  }
}

import { type DatabaseHandle, openDatabase } from "../db/client";
import { env } from "./env.server";

// One handle per process. The server build and tsx-loaded modules can both import this
// file as separate copies; a PGlite folder opened twice silently loses writes, so the
// handle lives on globalThis.
const global = globalThis as typeof globalThis & {
  __readyToPostDatabase?: Promise<DatabaseHandle>;
};

global.__readyToPostDatabase ??= openDatabase({
  url: env.DATABASE_URL,
  pgliteDir: env.PGLITE_DIR,
});

export const database = await global.__readyToPostDatabase;
export const db = database.db;

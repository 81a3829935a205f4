import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { databaseHealth } from "../../app/health.server";
import { closeDatabase, database, prepareDatabase } from "./harness";

before(prepareDatabase);
after(closeDatabase);

describe("health", () => {
  test("reports the database up, and which driver it is", async () => {
    assert.deepEqual(await databaseHealth(), { database: "up", driver: database.driver });
  });

  test("reports the database down once it cannot be reached", async () => {
    await closeDatabase();
    assert.deepEqual(await databaseHealth(), { database: "down", driver: database.driver });
  });
});

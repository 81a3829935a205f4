import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eq, sql } from "drizzle-orm";
import { createDepartment, createPerson } from "../../db/factories";
import { users } from "../../db/schema";
import { closeDatabase, countRows, db, prepareDatabase, queryRows } from "./harness";

before(prepareDatabase);
after(closeDatabase);

describe("users", () => {
  test("an email address belongs to one person whatever its case", async () => {
    await createPerson(db, { email: "Jo@x.test", name: "Jo Bloggs" });
    const before = await countRows(users);
    await assert.rejects(createPerson(db, { email: "jo@x.test", name: "Jo Again" }));
    await assert.rejects(createPerson(db, { email: "JO@X.TEST", name: "Jo Shouting" }));
    assert.equal(await countRows(users), before);
  });

  test("different addresses are different people", async () => {
    const a = await createPerson(db, { email: "sam@x.test" });
    const b = await createPerson(db, { email: "sam@y.test" });
    assert.notEqual(a.id, b.id);
  });

  test("a new person is active staff with no department or manager until told otherwise", async () => {
    const person = await createPerson(db);
    assert.equal(person.role, "staff");
    assert.equal(person.active, true);
    assert.equal(person.departmentId, null);
    assert.equal(person.lineManagerId, null);
  });

  test("a person's department and line manager must exist", async () => {
    await assert.rejects(
      createPerson(db, { departmentId: "00000000-0000-4000-8000-000000000000" }),
    );
    await assert.rejects(createPerson(db, { lineManagerId: "nobody" }));
    const department = await createDepartment(db, { name: "Highways" });
    const manager = await createPerson(db, { role: "manager", departmentId: department.id });
    const person = await createPerson(db, {
      departmentId: department.id,
      lineManagerId: manager.id,
    });
    assert.equal(person.departmentId, department.id);
    assert.equal(person.lineManagerId, manager.id);
  });

  test("every timestamp column is stored with its time zone", async () => {
    const columns = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
      sql`select table_name, column_name, data_type from information_schema.columns
          where table_schema = 'public' and data_type like 'timestamp%'
          order by table_name, column_name`,
    );
    assert.ok(columns.length >= 6, `expected the schema's timestamps, found ${columns.length}`);
    const withoutZone = columns
      .filter((column) => column.data_type !== "timestamp with time zone")
      .map((column) => `${column.table_name}.${column.column_name}`);
    assert.deepEqual(withoutZone, []);
  });

  test("a person created in another time zone has the right creation time", async () => {
    const started = Date.now();
    const created = await db.transaction(async (tx) => {
      await tx.execute(sql`set local time zone 'Pacific/Auckland'`);
      return createPerson(tx, { email: "kiwi@x.test" });
    });
    const [stored] = await db.select().from(users).where(eq(users.id, created.id));
    assert.ok(stored);
    for (const at of [stored.createdAt, stored.updatedAt]) {
      assert.ok(
        Math.abs(at.getTime() - started) < 60_000,
        `${at.toISOString()} is not when the person was created`,
      );
    }
  });
});

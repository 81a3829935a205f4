import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { previewImport, runImport } from "../../app/people/import.server";
import { createDepartment, createPerson } from "../../db/factories";
import { auditLog, users } from "../../db/schema";
import { closeDatabase, countRows, db, prepareDatabase } from "./harness";

const header = "email,name,department,role,manager_email";
const csv = (...lines: string[]) => `${[header, ...lines].join("\r\n")}\r\n`;

let admin: Awaited<ReturnType<typeof createPerson>>;
let highways: Awaited<ReturnType<typeof createDepartment>>;

before(async () => {
  await prepareDatabase();
  highways = await createDepartment(db, { name: "Highways" });
  await createDepartment(db, { name: "Libraries" });
  admin = await createPerson(db, { email: "admin@council.test", name: "Ada Admin", role: "admin" });
});
after(closeDatabase);

async function personByEmail(email: string) {
  const [person] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return person;
}

async function snapshot() {
  return { people: await countRows(users), entries: await countRows(auditLog) };
}

describe("importing staff from CSV", () => {
  test("a preview reports bad rows with their lines and writes nothing", async () => {
    const before = await snapshot();
    const check = await previewImport(
      csv(
        "ok@council.test,Ok Person,Highways,staff,",
        "not-an-email,Bad Email,Highways,staff,",
        "nowhere@council.test,No Department,Parks,staff,",
      ),
    );
    assert.deepEqual(
      check.problems.map((problem) => problem.line),
      [3, 4],
    );
    assert.deepEqual(
      check.rows.map((row) => row.email),
      ["ok@council.test"],
    );
    assert.deepEqual(await snapshot(), before);
  });

  test("a file with one bad row imports nobody", async () => {
    const before = await snapshot();
    const outcome = await runImport(
      admin.id,
      csv(
        "wyn@council.test,Wyn Good,Highways,staff,",
        "xan@council.test,Xan Good,Libraries,trainer,",
        "yve@council.test,Yve Bad,Highways,wizard,",
      ),
    );
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.problems.map((problem) => problem.line),
      [4],
    );
    assert.match(outcome.problems[0]?.message ?? "", /wizard/);
    assert.deepEqual(await snapshot(), before);
    assert.equal(await personByEmail("wyn@council.test"), undefined);
  });

  test("a good file creates everyone and sets their managers, wherever the manager is in the file", async () => {
    const before = await snapshot();
    const outcome = await runImport(
      admin.id,
      csv(
        "ann.lee@council.test,Ann Lee,Highways,staff,bob.lane@council.test",
        '"Cat.Moss@Council.test","Moss, Cat",libraries,,admin@council.test',
        "bob.lane@council.test,Bob Lane,Highways,Manager,",
      ),
    );
    assert.deepEqual(outcome, { ok: true, created: 3, updated: 0 });
    assert.equal(await countRows(users), before.people + 3);

    const ann = await personByEmail("ann.lee@council.test");
    const bob = await personByEmail("bob.lane@council.test");
    const cat = await personByEmail("cat.moss@council.test");
    assert.ok(ann && bob && cat);
    assert.equal(ann.lineManagerId, bob.id);
    assert.equal(ann.departmentId, highways.id);
    assert.equal(bob.role, "manager");
    assert.equal(bob.lineManagerId, null);
    assert.equal(cat.name, "Moss, Cat");
    assert.equal(cat.role, "staff");
    assert.equal(cat.lineManagerId, admin.id);
    for (const person of [ann, bob, cat]) assert.equal(person.active, true);
  });

  test("every imported person gets an audit entry naming the admin, plus one for the import", async () => {
    const outcome = await runImport(
      admin.id,
      csv(
        "dev.ng@council.test,Dev Ng,Libraries,staff,",
        "eli.orr@council.test,Eli Orr,Highways,staff,",
      ),
    );
    assert.ok(outcome.ok);
    for (const [email, line] of [
      ["dev.ng@council.test", 2],
      ["eli.orr@council.test", 3],
    ] as const) {
      const person = await personByEmail(email);
      assert.ok(person);
      const entries = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, person.id)));
      assert.equal(entries.length, 1, email);
      assert.equal(entries[0]?.action, "user.imported");
      assert.equal(entries[0]?.actorId, admin.id);
      assert.equal(entries[0]?.details.line, line);
    }
    const [summary] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "people.imported"))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    assert.equal(summary?.actorId, admin.id);
    assert.deepEqual(summary?.details, { created: 2, updated: 0 });
  });

  test("importing people who already exist updates them instead of duplicating them", async () => {
    await runImport(
      admin.id,
      csv(
        "fay.pym@council.test,Fay Pym,Highways,staff,",
        "gil.rao@council.test,Gil Rao,Highways,manager,",
      ),
    );
    const fay = await personByEmail("fay.pym@council.test");
    assert.ok(fay);
    const before = await countRows(users);

    const check = await previewImport(
      csv("FAY.PYM@council.test,Fay Pym-Rao,Libraries,trainer,gil.rao@council.test"),
    );
    assert.deepEqual(
      check.rows.map((row) => row.change),
      ["update"],
    );
    const outcome = await runImport(
      admin.id,
      csv("FAY.PYM@council.test,Fay Pym-Rao,Libraries,trainer,gil.rao@council.test"),
    );
    assert.deepEqual(outcome, { ok: true, created: 0, updated: 1 });
    assert.equal(await countRows(users), before);

    const updated = await personByEmail("fay.pym@council.test");
    assert.equal(updated?.id, fay.id);
    assert.equal(updated?.name, "Fay Pym-Rao");
    assert.equal(updated?.role, "trainer");
    assert.equal(updated?.lineManagerId, (await personByEmail("gil.rao@council.test"))?.id);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, fay.id)))
      .orderBy(auditLog.id);
    assert.deepEqual(
      actions.map((entry) => entry.action),
      ["user.imported", "user.updated_by_import"],
    );
  });

  test("the same file imported twice changes nobody's identity", async () => {
    const file = csv("hal.ito@council.test,Hal Ito,Highways,staff,");
    assert.deepEqual(await runImport(admin.id, file), { ok: true, created: 1, updated: 0 });
    const people = await countRows(users);
    assert.deepEqual(await runImport(admin.id, file), { ok: true, created: 0, updated: 1 });
    assert.equal(await countRows(users), people);
  });

  test("the import is one transaction: a failure while writing leaves nobody half-imported", async () => {
    // A database error on the last row, after the earlier rows were written.
    await db.execute(
      sql.raw(`create function refuse_poison() returns trigger language plpgsql as $$
        begin
          if new.email = 'poison@council.test' then raise exception 'refused'; end if;
          return new;
        end $$`),
    );
    await db.execute(
      sql.raw(
        "create trigger refuse_poison before insert on users for each row execute function refuse_poison()",
      ),
    );
    try {
      const before = await snapshot();
      await assert.rejects(
        runImport(
          admin.id,
          csv(
            "ivy.jay@council.test,Ivy Jay,Highways,staff,",
            "fay.pym@council.test,Fay Changed,Highways,staff,",
            "poison@council.test,Poison Row,Highways,staff,",
          ),
        ),
      );
      assert.deepEqual(await snapshot(), before);
      assert.equal(await personByEmail("ivy.jay@council.test"), undefined);
      assert.equal((await personByEmail("fay.pym@council.test"))?.name, "Fay Pym-Rao");
    } finally {
      await db.execute(sql.raw("drop trigger refuse_poison on users"));
      await db.execute(sql.raw("drop function refuse_poison()"));
    }
  });

  test("a manager must be in the file or already exist", async () => {
    const before = await snapshot();
    const outcome = await runImport(
      admin.id,
      csv("jan.kim@council.test,Jan Kim,Highways,staff,ghost@council.test"),
    );
    assert.ok(!outcome.ok);
    assert.deepEqual(
      outcome.problems.map((problem) => problem.line),
      [2],
    );
    assert.match(outcome.problems[0]?.message ?? "", /ghost@council\.test/);
    assert.deepEqual(await snapshot(), before);
  });
});

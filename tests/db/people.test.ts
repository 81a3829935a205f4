import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { auditTrail, recordAudit } from "../../app/audit.server";
import { hashPassword } from "../../app/auth/password.server";
import { authenticate } from "../../app/auth/session.server";
import { signIn } from "../../app/auth/sign-in.server";
import {
  createPerson as addPerson,
  changePerson,
  getPerson,
  setActive,
} from "../../app/people/people.server";
import { createDepartment, createPerson } from "../../db/factories";
import { auditLog, sessions, users } from "../../db/schema";
import { closeDatabase, countRows, db, prepareDatabase } from "./harness";

const password = "a long enough password";
let passwordHash: string;
let admin: Awaited<ReturnType<typeof createPerson>>;

before(async () => {
  await prepareDatabase();
  passwordHash = await hashPassword(password);
  admin = await createPerson(db, { email: "admin@council.test", name: "Ada Admin", role: "admin" });
});
after(closeDatabase);

const unknownId = "00000000-0000-4000-8000-000000000000";

async function entriesFor(subjectId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, "user"), eq(auditLog.subjectId, subjectId)))
    .orderBy(auditLog.id);
}

async function rowOf(personId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, personId));
  assert.ok(row, "the person is gone");
  return row;
}

/** Rejects with the 404 response a route would send. */
async function assertNotFound(promise: Promise<unknown>) {
  await assert.rejects(promise, (thrown) => thrown instanceof Response && thrown.status === 404);
}

describe("deactivating and reactivating", () => {
  test("deactivating ends every session the person has, at once", async () => {
    const person = await createPerson(db, { email: "pat@council.test", passwordHash });
    const cookies: string[] = [];
    for (const clientAddress of ["198.51.100.1", "198.51.100.2"]) {
      const result = await signIn({ email: "pat@council.test", password, clientAddress });
      assert.ok(result.ok);
      cookies.push(result.cookie.split(";")[0] as string);
    }
    const result = await setActive(admin.id, person.id, false);
    assert.deepEqual(result, { ok: true, id: person.id });
    assert.equal((await rowOf(person.id)).active, false);
    assert.equal(
      (await db.select().from(sessions).where(eq(sessions.userId, person.id))).length,
      0,
    );
    for (const cookie of cookies) assert.equal((await authenticate(cookie)).user, null);
    const again = await signIn({
      email: "pat@council.test",
      password,
      clientAddress: "198.51.100.3",
    });
    assert.deepEqual(again, { ok: false, reason: "invalid" });
  });

  test("an admin cannot deactivate their own account", async () => {
    const result = await setActive(admin.id, admin.id, false);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.errors.form);
    assert.equal((await rowOf(admin.id)).active, true);
    assert.equal((await entriesFor(admin.id)).length, 0);
  });

  test("a reactivated person can sign in again", async () => {
    const person = await createPerson(db, {
      email: "quinn@council.test",
      passwordHash,
      active: false,
    });
    assert.ok((await setActive(admin.id, person.id, true)).ok);
    assert.equal((await rowOf(person.id)).active, true);
    const result = await signIn({
      email: "quinn@council.test",
      password,
      clientAddress: "198.51.100.4",
    });
    assert.ok(result.ok);
  });

  test("deactivating someone who does not exist is a 404 and writes nothing", async () => {
    const entries = await countRows(auditLog);
    await assertNotFound(setActive(admin.id, unknownId, false));
    assert.equal(await countRows(auditLog), entries);
  });

  test("each change of status is audited with who did it", async () => {
    const person = await createPerson(db, { email: "rae@council.test" });
    await setActive(admin.id, person.id, false);
    await setActive(admin.id, person.id, true);
    const entries = await entriesFor(person.id);
    assert.deepEqual(
      entries.map((entry) => [entry.action, entry.actorId]),
      [
        ["user.deactivated", admin.id],
        ["user.reactivated", admin.id],
      ],
    );
  });
});

describe("changing a person", () => {
  test("role, department and line manager change together, and the change is audited", async () => {
    const highways = await createDepartment(db, { name: "Highways" });
    const libraries = await createDepartment(db, { name: "Libraries" });
    const manager = await createPerson(db, { role: "manager", departmentId: libraries.id });
    const person = await createPerson(db, { departmentId: highways.id });
    const change = {
      role: "trainer" as const,
      departmentId: libraries.id,
      lineManagerId: manager.id,
    };
    assert.deepEqual(await changePerson(admin.id, person.id, change), { ok: true, id: person.id });

    const shown = await getPerson(person.id);
    assert.equal(shown.role, "trainer");
    assert.equal(shown.departmentName, "Libraries");
    assert.equal(shown.lineManagerName, manager.name);
    assert.ok(shown.updatedAt.getTime() >= person.updatedAt.getTime());

    const [entry] = await entriesFor(person.id);
    assert.ok(entry);
    assert.equal(entry.action, "user.changed");
    assert.equal(entry.actorId, admin.id);
    assert.deepEqual(entry.details, {
      before: { role: "staff", departmentId: highways.id, lineManagerId: null },
      after: change,
    });
  });

  test("unknown departments and line managers are field errors, and nothing changes", async () => {
    const department = await createDepartment(db);
    const person = await createPerson(db, { departmentId: department.id });
    const before = await rowOf(person.id);
    const cases = [
      [{ departmentId: unknownId, lineManagerId: null }, ["departmentId"]],
      [{ departmentId: department.id, lineManagerId: "no-such-person" }, ["lineManagerId"]],
      [{ departmentId: department.id, lineManagerId: person.id }, ["lineManagerId"]],
      [{ departmentId: unknownId, lineManagerId: person.id }, ["departmentId", "lineManagerId"]],
    ] as const;
    for (const [fields, fieldsInError] of cases) {
      const result = await changePerson(admin.id, person.id, { role: "manager", ...fields });
      assert.equal(result.ok, false, JSON.stringify(fields));
      assert.ok(!result.ok);
      assert.deepEqual(Object.keys(result.errors).sort(), [...fieldsInError]);
      for (const message of Object.values(result.errors)) assert.ok(message.length > 0);
    }
    assert.deepEqual(await rowOf(person.id), before);
    assert.deepEqual(await entriesFor(person.id), []);
  });

  test("a deactivated person cannot become anyone's line manager", async () => {
    const former = await createPerson(db, { role: "manager", active: false });
    const person = await createPerson(db);
    const result = await changePerson(admin.id, person.id, {
      role: "staff",
      departmentId: null,
      lineManagerId: former.id,
    });
    assert.ok(!result.ok && result.errors.lineManagerId);
    assert.equal((await rowOf(person.id)).lineManagerId, null);
  });

  test("a line-management loop is refused, however long", async () => {
    const top = await createPerson(db, { role: "manager" });
    const middle = await createPerson(db, { role: "manager", lineManagerId: top.id });
    const bottom = await createPerson(db, { role: "manager", lineManagerId: middle.id });
    const result = await changePerson(admin.id, top.id, {
      role: "manager",
      departmentId: null,
      lineManagerId: bottom.id,
    });
    assert.ok(!result.ok && /loop/.test(result.errors.lineManagerId ?? ""));
    assert.equal((await rowOf(top.id)).lineManagerId, null);
    const sideways = await changePerson(admin.id, bottom.id, {
      role: "manager",
      departmentId: null,
      lineManagerId: top.id,
    });
    assert.deepEqual(sideways, { ok: true, id: bottom.id });
  });

  test("changing someone who does not exist is a 404", async () => {
    await assertNotFound(
      changePerson(admin.id, unknownId, { role: "staff", departmentId: null, lineManagerId: null }),
    );
  });
});

describe("adding a person", () => {
  test("a new person is saved and audited", async () => {
    const department = await createDepartment(db);
    const result = await addPerson(admin.id, {
      name: "Sol Tan",
      email: "sol@council.test",
      role: "staff",
      departmentId: department.id,
      lineManagerId: admin.id,
    });
    assert.ok(result.ok);
    const person = await getPerson(result.id);
    assert.equal(person.email, "sol@council.test");
    assert.equal(person.lineManagerName, "Ada Admin");
    const [entry] = await entriesFor(result.id);
    assert.equal(entry?.action, "user.created");
    assert.equal(entry?.actorId, admin.id);
    assert.equal(entry?.details.email, "sol@council.test");
  });

  test("an email already in use, in any case, is a field error", async () => {
    await createPerson(db, { email: "taken@council.test" });
    const people = await countRows(users);
    const result = await addPerson(admin.id, {
      name: "Second Taken",
      email: "Taken@Council.test",
      role: "staff",
      departmentId: unknownId,
      lineManagerId: null,
    });
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), ["departmentId", "email"]);
    assert.equal(await countRows(users), people);
  });
});

describe("the audit trail", () => {
  test("lists a subject's entries newest first, naming the actor", async () => {
    const person = await createPerson(db, { email: "uma@council.test" });
    await recordAudit(db, {
      actorId: admin.id,
      action: "user.noted",
      subject: { type: "user", id: person.id },
      details: { note: "first" },
    });
    await recordAudit(db, {
      actorId: null,
      action: "user.system_noted",
      subject: { type: "user", id: person.id },
    });
    await recordAudit(db, {
      actorId: admin.id,
      action: "user.noted",
      subject: { type: "user", id: admin.id },
    });
    const trail = await auditTrail({ type: "user", id: person.id });
    assert.deepEqual(
      trail.map((entry) => [entry.action, entry.actor, entry.details]),
      [
        ["user.system_noted", "System", {}],
        ["user.noted", "Ada Admin", { note: "first" }],
      ],
    );
    for (const entry of trail) assert.ok(Math.abs(entry.at.getTime() - Date.now()) < 60_000);
  });

  test("an entry written in a transaction that fails is not kept", async () => {
    const person = await createPerson(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.changed",
          subject: { type: "user", id: person.id },
        });
        throw new Error("the change failed");
      }),
      /the change failed/,
    );
    assert.deepEqual(await auditTrail({ type: "user", id: person.id }), []);
  });

  test("a sign-in is audited with the address it came from", async () => {
    const person = await createPerson(db, { email: "vic@council.test", passwordHash });
    const result = await signIn({
      email: "vic@council.test",
      password,
      clientAddress: "203.0.113.9",
    });
    assert.ok(result.ok);
    const [entry] = await auditTrail({ type: "user", id: person.id });
    assert.equal(entry?.action, "session.signed_in");
    assert.equal(entry?.actor, person.name);
    assert.deepEqual(entry?.details, { address: "203.0.113.9" });
  });
});

import "./memory-by-default";
import assert from "node:assert/strict";
import { after, before, beforeEach, describe, test } from "node:test";
import { asc, eq } from "drizzle-orm";
import { signIn } from "../../app/auth/sign-in.server";
import { demoPassword, demoSignIns, seedDemoCouncil } from "../../app/demo/seed.server";
import { createPerson } from "../../db/factories";
import { departments, passwordCredentials, users } from "../../db/schema";
import { closeDatabase, db, emptyTables, prepareDatabase } from "./harness";

before(prepareDatabase);
after(closeDatabase);

async function everything() {
  return {
    departments: await db.select().from(departments).orderBy(asc(departments.id)),
    users: await db.select().from(users).orderBy(asc(users.id)),
    passwords: await db.select().from(passwordCredentials).orderBy(asc(passwordCredentials.userId)),
  };
}

describe("the demo council on an empty database", () => {
  before(async () => {
    await emptyTables();
    assert.equal(await seedDemoCouncil(db), "seeded");
  });

  test("has at least four departments", async () => {
    const names = (await db.select().from(departments)).map((department) => department.name);
    assert.ok(names.length >= 4, names.join(", "));
    for (const name of ["Highways", "Libraries", "Children's Services", "Communications"]) {
      assert.ok(names.includes(name), `${name} is missing`);
    }
  });

  test("has at least 24 staff, 2 trainers, 3 managers and an admin, all active", async () => {
    const people = await db.select().from(users);
    const byRole = (role: string) => people.filter((person) => person.role === role).length;
    assert.ok(byRole("staff") >= 24, `${byRole("staff")} staff`);
    assert.equal(byRole("trainer"), 2);
    assert.equal(byRole("manager"), 3);
    assert.equal(byRole("admin"), 1);
    assert.ok(people.every((person) => person.active));
    assert.ok(people.every((person) => person.departmentId !== null));
  });

  test("each manager heads a department of their own, and manages its staff", async () => {
    const people = await db.select().from(users);
    const managers = people.filter((person) => person.role === "manager");
    assert.equal(new Set(managers.map((manager) => manager.departmentId)).size, managers.length);
    for (const manager of managers) {
      const team = people.filter(
        (person) => person.departmentId === manager.departmentId && person.id !== manager.id,
      );
      assert.ok(team.length > 0, `${manager.name} has no team`);
      for (const member of team) {
        assert.equal(member.lineManagerId, manager.id, `${member.name} is not ${manager.name}'s`);
      }
    }
    const admin = people.find((person) => person.role === "admin");
    for (const person of people) {
      if (person.id !== admin?.id) assert.ok(person.lineManagerId, `${person.name} has no manager`);
    }
  });

  test("the four demo sign-ins work with the demo password and have their roles", async () => {
    assert.equal(demoPassword, "practice-makes-perfect");
    assert.deepEqual(
      demoSignIns.map((signInDetails) => signInDetails.email),
      ["staff@demo.test", "trainer@demo.test", "manager@demo.test", "admin@demo.test"],
    );
    for (const { email, role } of demoSignIns) {
      const result = await signIn({
        email,
        password: "practice-makes-perfect",
        clientAddress: "192.0.2.10",
      });
      assert.ok(result.ok, `${email} cannot sign in`);
      const person = (await db.select().from(users)).find((user) => user.id === result.userId);
      assert.equal(person?.email, email);
      assert.equal(person?.role, role);
    }
  });

  test("seeding again changes nothing", async () => {
    const before = await everything();
    assert.equal(await seedDemoCouncil(db), "already-seeded");
    assert.equal(await seedDemoCouncil(db, { force: true }), "already-seeded");
    assert.deepEqual(await everything(), before);
  });

  test("a half-finished seed is completed without touching those already there", async () => {
    const before = await everything();
    const missing = before.users.find((person) => person.email === "zoe.campbell@demo.test");
    assert.ok(missing, "expected Zoe Campbell in the demo council");
    await db.delete(users).where(eq(users.id, missing.id));
    assert.equal(await seedDemoCouncil(db), "seeded");
    const after = await everything();
    assert.equal(after.users.length, before.users.length);
    const back = after.users.find((person) => person.email === "zoe.campbell@demo.test");
    assert.equal(back?.lineManagerId, missing.lineManagerId);
    assert.deepEqual(
      after.users.filter((person) => person.id !== back?.id),
      before.users.filter((person) => person.id !== missing.id),
    );
    assert.deepEqual(after.departments, before.departments);
  });
});

describe("a database that already holds other people", () => {
  beforeEach(emptyTables);

  test("is left alone", async () => {
    await createPerson(db, { email: "real.person@council.gov.uk" });
    const before = await everything();
    assert.equal(await seedDemoCouncil(db), "skipped-foreign-data");
    assert.deepEqual(await everything(), before);
  });

  test("gets the demo council too when forced, keeping its people", async () => {
    const real = await createPerson(db, { email: "real.person@council.gov.uk" });
    assert.equal(await seedDemoCouncil(db, { force: true }), "seeded");
    const people = await db.select().from(users);
    assert.ok(people.some((person) => person.id === real.id));
    assert.ok(people.some((person) => person.email === "admin@demo.test"));
    const result = await signIn({
      email: "admin@demo.test",
      password: demoPassword,
      clientAddress: "192.0.2.11",
    });
    assert.ok(result.ok);
  });
});

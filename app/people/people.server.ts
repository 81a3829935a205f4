import { and, asc, count, eq, ilike, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client";
import { departments, type Role, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import { sessionStore } from "../auth/session.server";
import { db } from "../db.server";
import type { PeopleQuery } from "./person-form";

export const pageSize = 25;

const lineManagers = alias(users, "line_managers");

const personColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
  departmentId: users.departmentId,
  departmentName: departments.name,
  lineManagerId: users.lineManagerId,
  lineManagerName: lineManagers.name,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export async function listDepartments() {
  return db.select().from(departments).orderBy(asc(departments.name));
}

/** People who can be chosen as someone's line manager. */
export async function listManagers() {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), sql`${users.role} in ('manager', 'admin')`))
    .orderBy(asc(users.name));
}

export async function listPeople(query: PeopleQuery) {
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = and(
    term ? or(ilike(users.name, `%${term}%`), ilike(users.email, `%${term}%`)) : undefined,
    query.role ? eq(users.role, query.role) : undefined,
    query.department ? eq(users.departmentId, query.department) : undefined,
    query.status === "all" ? undefined : eq(users.active, query.status === "active"),
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(personColumns)
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .leftJoin(lineManagers, eq(lineManagers.id, users.lineManagerId))
      .where(where)
      .orderBy(asc(users.name), asc(users.id))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db.select({ value: count() }).from(users).where(where),
  ]);
  return { people: rows, total: total?.value ?? 0, pageSize };
}

/** One person, or a 404 thrown: admins see everyone, so no further filter applies. */
export async function getPerson(personId: string) {
  const [person] = await db
    .select(personColumns)
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .leftJoin(lineManagers, eq(lineManagers.id, users.lineManagerId))
    .where(eq(users.id, personId));
  if (!person) throw notFound();
  return person;
}

export type PersonChange = {
  role: Role;
  departmentId: string | null;
  lineManagerId: string | null;
};

export type ChangeResult = { ok: true; id: string } | { ok: false; errors: Record<string, string> };

/** Checks that the chosen department and line manager exist; field errors if not. */
async function checkReferences(
  tx: Queryable,
  change: PersonChange,
  personId: string | null,
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (change.departmentId) {
    const [found] = await tx
      .select({ id: departments.id })
      .from(departments)
      .where(eq(departments.id, change.departmentId));
    if (!found) errors.departmentId = "That department does not exist";
  }
  if (change.lineManagerId) {
    if (change.lineManagerId === personId) {
      errors.lineManagerId = "A person cannot be their own line manager";
    } else {
      const [found] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, change.lineManagerId), eq(users.active, true)));
      if (!found) errors.lineManagerId = "That line manager does not exist or is deactivated";
      else if (personId && (await managesUpTo(tx, change.lineManagerId, personId))) {
        errors.lineManagerId = "That would make a loop: this person already manages them";
      }
    }
  }
  return errors;
}

/** Whether `personId` is somewhere above `managerId` in the line-management chain. */
async function managesUpTo(tx: Queryable, managerId: string, personId: string): Promise<boolean> {
  const chain = await tx.execute<{ id: string }>(sql`
    with recursive chain(id, depth) as (
      select ${users.lineManagerId}, 1 from ${users} where ${users.id} = ${managerId}
      union all
      select u.line_manager_id, chain.depth + 1 from ${users} u join chain on u.id = chain.id
      where chain.depth < 100
    )
    select id from chain where id = ${personId} limit 1`);
  return rowsOf(chain).length > 0;
}

// postgres.js returns an array; PGlite returns { rows }.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

export async function createPerson(
  actorId: string,
  input: PersonChange & { name: string; email: string },
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const errors = await checkReferences(tx, input, null);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
    if (taken) errors.email = "Someone already has that email address";
    if (Object.keys(errors).length > 0) return { ok: false as const, errors };

    const [person] = await tx
      .insert(users)
      .values({ ...input, email: input.email })
      .returning({ id: users.id });
    if (!person) throw new Error("insert returned nothing");
    await recordAudit(tx, {
      actorId,
      action: "user.created",
      subject: { type: "user", id: person.id },
      details: { ...input },
    });
    return { ok: true as const, id: person.id };
  });
}

export async function changePerson(
  actorId: string,
  personId: string,
  change: PersonChange,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        role: users.role,
        departmentId: users.departmentId,
        lineManagerId: users.lineManagerId,
      })
      .from(users)
      .where(eq(users.id, personId))
      .for("update");
    if (!before) throw notFound();
    const errors = await checkReferences(tx, change, personId);
    if (Object.keys(errors).length > 0) return { ok: false as const, errors };
    await tx
      .update(users)
      .set({ ...change, updatedAt: sql`now()` })
      .where(eq(users.id, personId));
    await recordAudit(tx, {
      actorId,
      action: "user.changed",
      subject: { type: "user", id: personId },
      details: { before, after: change },
    });
    return { ok: true as const, id: personId };
  });
}

/** Deactivation ends every session the person has, at once. */
export async function setActive(actorId: string, personId: string, active: boolean) {
  if (!active && actorId === personId) {
    return { ok: false as const, errors: { form: "You cannot deactivate your own account" } };
  }
  await db.transaction(async (tx) => {
    const [changed] = await tx
      .update(users)
      .set({ active, updatedAt: sql`now()` })
      .where(eq(users.id, personId))
      .returning({ id: users.id });
    if (!changed) throw notFound();
    await recordAudit(tx, {
      actorId,
      action: active ? "user.reactivated" : "user.deactivated",
      subject: { type: "user", id: personId },
    });
  });
  if (!active) await sessionStore.invalidateUserSessions(personId);
  return { ok: true as const, id: personId };
}

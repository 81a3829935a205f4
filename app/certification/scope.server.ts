// Whom a manager looks after: everyone in their department and anyone they line-manage.
// Admins look after everyone. A person outside your scope is a 404, never a 403: the answer
// must not tell whether they exist.
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { type Role, users } from "../../db/schema";
import { notFound } from "../auth/guard.server";
import { db } from "../db.server";

export interface Actor {
  id: string;
  role: Role;
  departmentId: string | null;
}

/** A condition on `users` for the people this actor may see and act on. */
export function inScope(actor: Actor): SQL | undefined {
  if (actor.role === "admin") return undefined;
  if (actor.role !== "manager") return sql`false`;
  return actor.departmentId
    ? or(eq(users.departmentId, actor.departmentId), eq(users.lineManagerId, actor.id))
    : eq(users.lineManagerId, actor.id);
}

/** The person, if the actor looks after them; otherwise a 404 is thrown. */
export async function requirePersonInScope(actor: Actor, personId: string, tx: Queryable = db) {
  const [person] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      departmentId: users.departmentId,
      lineManagerId: users.lineManagerId,
      active: users.active,
    })
    .from(users)
    .where(and(eq(users.id, personId), inScope(actor)));
  if (!person) throw notFound();
  return person;
}

import type { Queryable } from "./client";
import { departments, passwordCredentials, type Role, users } from "./schema";

// Shared by the demo seed and the tests, so both build people the same way.

let sequence = 0;
const next = () => ++sequence;

export type Department = typeof departments.$inferSelect;
export type Person = typeof users.$inferSelect;

export async function createDepartment(
  db: Queryable,
  fields: { name?: string } = {},
): Promise<Department> {
  const [department] = await db
    .insert(departments)
    .values({ name: fields.name ?? `Department ${next()}` })
    .returning();
  if (!department) throw new Error("department insert returned nothing");
  return department;
}

export interface PersonFields {
  email?: string;
  name?: string;
  role?: Role;
  departmentId?: string | null;
  lineManagerId?: string | null;
  active?: boolean;
  /** An argon2id hash; people without one cannot sign in with a password. */
  passwordHash?: string;
}

export async function createPerson(db: Queryable, fields: PersonFields = {}): Promise<Person> {
  const n = next();
  const [person] = await db
    .insert(users)
    .values({
      email: fields.email ?? `person${n}@example.test`,
      name: fields.name ?? `Person ${n}`,
      role: fields.role ?? "staff",
      departmentId: fields.departmentId ?? null,
      lineManagerId: fields.lineManagerId ?? null,
      active: fields.active ?? true,
    })
    .returning();
  if (!person) throw new Error("person insert returned nothing");
  if (fields.passwordHash) {
    await db.insert(passwordCredentials).values({ userId: person.id, hash: fields.passwordHash });
  }
  return person;
}

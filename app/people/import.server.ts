import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { departments, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { db } from "../db.server";
import { checkImport, type Directory, type ImportCheck } from "./csv-import";

async function directoryOf(tx: Queryable): Promise<Directory> {
  const [allDepartments, allPeople] = await Promise.all([
    tx.select({ id: departments.id, name: departments.name }).from(departments),
    tx
      .select({ id: users.id, name: users.name, email: users.email, active: users.active })
      .from(users),
  ]);
  return {
    departments: new Map(allDepartments.map((d) => [d.name.toLowerCase(), d])),
    people: new Map(allPeople.map((p) => [p.email.toLowerCase(), p])),
  };
}

/** Checks a CSV without writing anything: what the admin sees before confirming. */
export async function previewImport(csv: string): Promise<ImportCheck> {
  return checkImport(csv, await directoryOf(db));
}

export type ImportOutcome =
  | { ok: true; created: number; updated: number }
  | { ok: false; problems: ImportCheck["problems"] };

/**
 * Imports every row or none: the file is checked again inside the transaction against
 * the data as it is now, and any problem leaves the database untouched.
 */
export async function runImport(actorId: string, csv: string): Promise<ImportOutcome> {
  return db.transaction(async (tx) => {
    const directory = await directoryOf(tx);
    const check = checkImport(csv, directory);
    if (check.problems.length > 0) return { ok: false as const, problems: check.problems };

    const idByEmail = new Map([...directory.people].map(([email, person]) => [email, person.id]));
    let created = 0;
    let updated = 0;
    for (const row of check.rows) {
      const fields = { name: row.name, role: row.role, departmentId: row.departmentId };
      const existingId = idByEmail.get(row.email);
      if (existingId) {
        await tx
          .update(users)
          .set({ ...fields, updatedAt: sql`now()` })
          .where(eq(users.id, existingId));
        updated++;
      } else {
        const [person] = await tx
          .insert(users)
          .values({ ...fields, email: row.email })
          .returning({ id: users.id });
        if (!person) throw new Error("insert returned nothing");
        idByEmail.set(row.email, person.id);
        created++;
      }
    }
    // Managers second: a row may name a manager who appears later in the file.
    for (const row of check.rows) {
      const personId = idByEmail.get(row.email) as string;
      const lineManagerId = row.managerEmail ? (idByEmail.get(row.managerEmail) ?? null) : null;
      await tx.update(users).set({ lineManagerId }).where(eq(users.id, personId));
      await recordAudit(tx, {
        actorId,
        action: row.change === "create" ? "user.imported" : "user.updated_by_import",
        subject: { type: "user", id: personId },
        details: {
          line: row.line,
          name: row.name,
          role: row.role,
          department: row.departmentName,
          managerEmail: row.managerEmail,
        },
      });
    }
    await recordAudit(tx, {
      actorId,
      action: "people.imported",
      subject: { type: "organisation", id: "people" },
      details: { created, updated },
    });
    return { ok: true as const, created, updated };
  });
}

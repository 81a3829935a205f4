import { and, desc, eq, or } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { auditLog, users } from "../db/schema";
import { now } from "./clock.server";
import { db } from "./db.server";

export interface AuditEntry {
  actorId: string | null;
  /** Dot-namespaced verb, e.g. "user.deactivated". */
  action: string;
  subject: { type: string; id: string };
  details?: Record<string, unknown>;
}

/** Writes one audit entry; pass the transaction so the entry lives or dies with the change. */
export async function recordAudit(tx: Queryable, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subject.type,
    subjectId: entry.subject.id,
    details: entry.details ?? {},
    // The app's clock, not the database's, so entries line up with the events they record
    // when a test moves time forward.
    at: now(),
  });
}

export interface AuditSubject {
  type: string;
  id: string;
}

/** Entries about any of these subjects, newest first, with who did it and why. */
export async function auditTrail(subjects: AuditSubject | AuditSubject[], limit = 100) {
  const list = Array.isArray(subjects) ? subjects : [subjects];
  if (list.length === 0) return [];
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      at: auditLog.at,
      actor: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      or(
        ...list.map((subject) =>
          and(eq(auditLog.subjectType, subject.type), eq(auditLog.subjectId, subject.id)),
        ),
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    action: row.action,
    at: row.at,
    details: row.details,
    actor: row.actor ?? "System",
    why: typeof row.details.why === "string" ? row.details.why : null,
  }));
}

import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../db/client";
import { auditLog, users } from "../db/schema";
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
  });
}

export async function auditTrail(subject: { type: string; id: string }, limit = 50) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      details: auditLog.details,
      at: auditLog.at,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.subjectType, subject.type), eq(auditLog.subjectId, subject.id)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}

// The audit log as admins read it: every change of status, with who, when and why.
import { and, count, desc, eq, ilike, like, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, users } from "../../db/schema";
import { db } from "../db.server";
import type { AuditQuery } from "./forms";

export const auditPageSize = 50;
const holders = alias(users, "holders");

export async function auditLogPage(query: AuditQuery) {
  const term = query.q.replace(/[\\%_]/g, (c) => `\\${c}`);
  const where = and(
    query.category ? like(auditLog.action, `${query.category}.%`) : undefined,
    term
      ? or(
          ilike(users.name, `%${term}%`),
          ilike(holders.name, `%${term}%`),
          ilike(auditLog.action, `%${term}%`),
        )
      : undefined,
  );
  // The person an entry is about: its subject, or the holder named in its details.
  const holderJoin = sql`${holders.id} = coalesce(${auditLog.details}->>'holderId', case when ${auditLog.subjectType} = 'user' then ${auditLog.subjectId} end)`;
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        at: auditLog.at,
        action: auditLog.action,
        subjectType: auditLog.subjectType,
        details: auditLog.details,
        actor: users.name,
        holder: holders.name,
        holderId: holders.id,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(holders, holderJoin)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(auditPageSize)
      .offset((query.page - 1) * auditPageSize),
    db
      .select({ n: count() })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(holders, holderJoin)
      .where(where),
  ]);
  return {
    entries: rows.map((row) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actor: row.actor ?? "System",
      about: row.holder,
      aboutId: row.holderId,
      why: typeof row.details.why === "string" ? row.details.why : null,
    })),
    total: total?.n ?? 0,
    pageSize: auditPageSize,
  };
}

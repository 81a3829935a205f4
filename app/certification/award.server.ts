// Awards and renews certificates the moment the last requirement is met. Called after every
// change to someone's evidence (a lesson done, a quiz marked, a run passed or graded) and when
// they open /certification, so nothing is missed. Idempotent: running it twice awards once.
import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { certificateRenewals, certificates, certificationProgress, users } from "../../db/schema";
import { recordAudit } from "../audit.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { newVerificationCode } from "./code.server";
import { lastActivity, loadEvidence } from "./evidence.server";
import { goalFor } from "./lifecycle";
import { programmes, windowDaysOf } from "./programmes.server";
import { evaluate, type RequirementState } from "./requirements";
import { addMonths } from "./status";

export async function awardIfEligible(userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // One evaluation per person at a time: two requests finishing together award once.
    const [person] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, userId))
      .for("update");
    if (!person) return;
    const at = now();
    const evidence = await loadEvidence(tx, userId);
    const activity = lastActivity(evidence);
    const held = [...evidence.certificates];
    // Prerequisites first, so a certificate awarded now counts for the programme that needs it.
    for (const programme of programmes()) {
      const goal = goalFor(
        programme,
        held.filter((certificate) => certificate.programmeId === programme.id),
        at,
      );
      const options = { now: at, windowDaysOf };
      let states: RequirementState[];
      if (goal.kind === "held") {
        states = evaluate(
          programme.requirements,
          { ...evidence, certificates: held },
          {
            ...options,
            since: null,
          },
        ).map((state) => ({ ...state, met: true, done: state.total }));
      } else {
        states = evaluate(
          goal.requirements,
          { ...evidence, certificates: held },
          {
            ...options,
            since: goal.since,
          },
        );
      }
      const allMet = states.every((state) => state.met);
      const pinned = states.flatMap((state) => (state.evidence ? [state.evidence] : []));

      if (goal.kind === "award" && allMet) {
        const expiresAt = addMonths(at, programme.validity.months);
        const [certificate] = await tx
          .insert(certificates)
          .values({
            userId,
            programmeId: programme.id,
            programmeTitle: programme.title,
            programmeHash: programme.source.sha256,
            code: newVerificationCode(),
            issuedAt: at,
            expiresAt,
            evidence: pinned,
          })
          .returning();
        if (!certificate) throw new Error("certificate insert returned nothing");
        held.push(certificate);
        await recordAudit(tx, {
          actorId: null,
          action: "certificate.awarded",
          subject: { type: "certificate", id: certificate.id },
          details: {
            holderId: userId,
            programme: programme.id,
            expiresAt: expiresAt.toISOString(),
            why: "every requirement was met",
          },
        });
      } else if (goal.kind === "renew" && allMet) {
        const current = held.find((certificate) => certificate.id === goal.certificateId);
        if (!current) throw new Error("renewing a certificate that is not held");
        const previous = new Date(current.expiresAt);
        // From the old expiry, not from today: renewing early loses nothing, and there is no gap.
        const expiresAt = addMonths(previous, programme.validity.months);
        const added = await tx
          .insert(certificateRenewals)
          .values({
            certificateId: current.id,
            renewedAt: at,
            previousExpiresAt: previous,
            expiresAt,
            programmeHash: programme.source.sha256,
            evidence: pinned,
          })
          .onConflictDoNothing()
          .returning({ id: certificateRenewals.id });
        if (added.length > 0) {
          await tx.update(certificates).set({ expiresAt }).where(eq(certificates.id, current.id));
          current.expiresAt = expiresAt;
          await recordAudit(tx, {
            actorId: null,
            action: "certificate.renewed",
            subject: { type: "certificate", id: current.id },
            details: {
              holderId: userId,
              programme: programme.id,
              previousExpiresAt: previous.toISOString(),
              expiresAt: expiresAt.toISOString(),
              why: "every renewal requirement was met inside the window",
            },
          });
        }
      }
      await saveProgress(tx, userId, programme.id, states, activity);
    }
    await observeLapses(tx, at, userId);
  });
}

async function saveProgress(
  tx: Queryable,
  userId: string,
  programmeId: string,
  states: RequirementState[],
  activity: Date | null,
) {
  const done = states.reduce((sum, state) => sum + state.done, 0);
  const total = states.reduce((sum, state) => sum + state.total, 0);
  await tx
    .insert(certificationProgress)
    .values({ userId, programmeId, done, total, lastActivityAt: activity })
    .onConflictDoUpdate({
      target: [certificationProgress.userId, certificationProgress.programmeId],
      set: { done, total, lastActivityAt: activity, updatedAt: sql`now()` },
    });
}

/**
 * Records what the passage of time has done, the first time anyone sees it: each certificate
 * that reached its expiry date (one `certificate.expired` entry), and each live account
 * suspended or reinstated because its certificate stopped or started being in force. Status
 * itself is always worked out from the dates when read; this only keeps the audit log and each
 * account's last seen state, so every change is recorded once however many pages observe it.
 */
export async function observeLapses(tx: Queryable, at: Date, userId?: string): Promise<number> {
  const when = at.toISOString();
  const expired = rowsOf<{ id: string; user_id: string; programme_id: string; expires_at: string }>(
    await tx.execute(sql`
      update certificates set expiry_recorded_at = ${when}::timestamptz
      where expiry_recorded_at is null and revoked_at is null
        and expires_at <= ${when}::timestamptz ${userId ? sql`and user_id = ${userId}` : sql``}
      returning id, user_id, programme_id, expires_at`),
  );
  for (const certificate of expired) {
    await recordAudit(tx, {
      actorId: null,
      action: "certificate.expired",
      subject: { type: "certificate", id: certificate.id },
      details: {
        holderId: certificate.user_id,
        programme: certificate.programme_id,
        expiresAt: new Date(certificate.expires_at).toISOString(),
        why: "it reached its expiry date without being renewed",
      },
    });
  }
  const who = userId ? sql`and a.user_id = ${userId}` : sql``;
  const inForce = sql`exists (
    select 1 from certificates c
    where c.user_id = a.user_id and c.programme_id = a.programme_id
      and c.revoked_at is null and c.issued_at <= ${when}::timestamptz
      and c.expires_at > ${when}::timestamptz)`;
  const suspended = rowsOf<{ id: string; user_id: string; programme_id: string }>(
    await tx.execute(sql`
      update account_requests a set observed_state = 'suspended'
      where a.status = 'approved' and a.observed_state = 'active' ${who} and not ${inForce}
      returning a.id, a.user_id, a.programme_id`),
  );
  for (const account of suspended) {
    const why = await lapseReason(tx, account.user_id, account.programme_id);
    await recordAudit(tx, {
      actorId: null,
      action: "account.suspended",
      subject: { type: "account", id: account.id },
      details: { holderId: account.user_id, programme: account.programme_id, why },
    });
  }
  // A suspension by a manager stays until a manager lifts it, whatever the certificate does.
  const reinstated = rowsOf<{ id: string; user_id: string; programme_id: string }>(
    await tx.execute(sql`
      update account_requests a set observed_state = 'active'
      where a.status = 'approved' and a.observed_state = 'suspended' and a.suspended_at is null
        ${who} and ${inForce}
      returning a.id, a.user_id, a.programme_id`),
  );
  for (const account of reinstated) {
    await recordAudit(tx, {
      actorId: null,
      action: "account.reinstated",
      subject: { type: "account", id: account.id },
      details: {
        holderId: account.user_id,
        programme: account.programme_id,
        why: "the certificate it rests on is in force again",
      },
    });
  }
  return expired.length + suspended.length + reinstated.length;
}

async function lapseReason(tx: Queryable, userId: string, programmeId: string) {
  const [latest] = rowsOf<{ revoked_reason: string | null; revoked_at: string | null }>(
    await tx.execute(sql`
      select revoked_reason, revoked_at from certificates
      where user_id = ${userId} and programme_id = ${programmeId}
      order by issued_at desc limit 1`),
  );
  if (!latest) return "there is no certificate for it";
  return latest.revoked_at
    ? `the certificate was revoked: ${latest.revoked_reason ?? "no reason given"}`
    : "the certificate expired";
}

// postgres.js returns an array; PGlite returns { rows }.
export function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

// Live-account access: requests, the manager's decision, and each account's state, which is
// derived from the holder's certificate whenever it is read (see observeLapses).
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Queryable } from "../../db/client";
import {
  accountPlatforms,
  accountRequests,
  certificates,
  certificationSettings,
  departments,
  users,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { formatDate } from "../learn/format";
import { appLink, sendMail } from "../mail.server";
import { observeLapses } from "./award.server";
import {
  defaultHandleRule,
  expectedHandle,
  handleProblem,
  handleRuleProblem,
  tidyHandle,
} from "./handle";
import { builtInPlatforms, type Platform, platformIdFor } from "./platforms";
import { programmeById, programmes } from "./programmes.server";
import { type Actor, inScope, requirePersonInScope } from "./scope.server";
import { certificateStatus, isInForce } from "./status";

const handleRuleKey = "handle-rule";

export async function handleRule(tx: Queryable = db): Promise<string> {
  const [row] = await tx
    .select({ value: certificationSettings.value })
    .from(certificationSettings)
    .where(eq(certificationSettings.key, handleRuleKey));
  return row?.value ?? defaultHandleRule;
}

export type Outcome =
  | { ok: true }
  | { ok: false; status: 400 | 409 | 422; errors: Record<string, string> };

export async function setHandleRule(actorId: string, rule: string): Promise<Outcome> {
  const problem = handleRuleProblem(rule);
  if (problem) return { ok: false, status: 400, errors: { rule: problem } };
  await db.transaction(async (tx) => {
    const before = await handleRule(tx);
    await tx
      .insert(certificationSettings)
      .values({ key: handleRuleKey, value: rule, updatedBy: actorId })
      .onConflictDoUpdate({
        target: certificationSettings.key,
        set: { value: rule, updatedBy: actorId, updatedAt: sql`now()` },
      });
    await recordAudit(tx, {
      actorId,
      action: "settings.handle-rule-changed",
      subject: { type: "settings", id: handleRuleKey },
      details: { before, after: rule },
    });
  });
  return { ok: true };
}

export async function listPlatforms(tx: Queryable = db): Promise<Platform[]> {
  const added = await tx
    .select({
      id: accountPlatforms.id,
      name: accountPlatforms.name,
      programmeId: accountPlatforms.programmeId,
    })
    .from(accountPlatforms)
    .orderBy(asc(accountPlatforms.name));
  return [...builtInPlatforms, ...added.map((platform) => ({ ...platform, builtIn: false }))];
}

export async function addPlatform(
  actorId: string,
  input: { name: string; programmeId: string },
): Promise<Outcome> {
  const id = platformIdFor(input.name);
  if (!id)
    return { ok: false, status: 400, errors: { name: "Enter a name with letters or digits" } };
  if (!programmeById(input.programmeId)) {
    return { ok: false, status: 400, errors: { programmeId: "Choose a programme from the list" } };
  }
  return db.transaction(async (tx): Promise<Outcome> => {
    const existing = await listPlatforms(tx);
    if (existing.some((platform) => platform.id === id)) {
      return {
        ok: false as const,
        status: 409 as const,
        errors: { name: `${input.name} is already on the list` },
      };
    }
    await tx
      .insert(accountPlatforms)
      .values({ id, name: input.name, programmeId: input.programmeId, createdBy: actorId });
    await recordAudit(tx, {
      actorId,
      action: "platform.added",
      subject: { type: "platform", id },
      details: { name: input.name, programme: input.programmeId },
    });
    return { ok: true as const };
  });
}

const suspenders = alias(users, "suspenders");

export type AccountState = "pending" | "rejected" | "active" | "suspended";

/** A request as its holder or their manager sees it, with the live state worked out now. */
function accountView(
  row: typeof accountRequests.$inferSelect,
  suspender: string | null,
  holderCertificates: ReadonlyArray<{
    programmeId: string;
    issuedAt: Date;
    expiresAt: Date;
    revokedAt: Date | null;
    revokedReason: string | null;
  }>,
  at: Date,
) {
  const programme = programmeById(row.programmeId);
  const latest = holderCertificates
    .filter((certificate) => certificate.programmeId === row.programmeId)
    .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime())[0];
  const status = latest ? certificateStatus(latest, programme?.renewal.windowDays ?? 0, at) : null;
  let state: AccountState = row.status === "approved" ? "active" : row.status;
  let why: string | null = null;
  if (row.status === "approved" && row.suspendedAt) {
    state = "suspended";
    why = `Suspended by ${suspender ?? "a manager"} on ${formatDate(row.suspendedAt)} (“${row.suspensionReason ?? "no reason given"}”). Only a manager can lift this.`;
  } else if (row.status === "approved" && !(status && isInForce(status))) {
    state = "suspended";
    why =
      status === "revoked"
        ? `Suspended: the ${programme?.title ?? row.programmeId} certificate was revoked${latest?.revokedReason ? ` (${latest.revokedReason})` : ""}. Earning it again reinstates this account.`
        : `Suspended: the ${programme?.title ?? row.programmeId} certificate expired on ${latest ? formatDate(latest.expiresAt) : "–"}. Earning it again reinstates this account.`;
  }
  return {
    id: row.id,
    platform: row.platformName,
    handle: row.handle,
    programme: programme?.title ?? row.programmeId,
    requestedAt: row.requestedAt,
    decidedAt: row.decidedAt,
    decisionReason: row.decisionReason,
    state,
    why,
    /** Suspended by a manager, who can lift it; a certificate's lapse only lifts with the certificate. */
    suspendedByManager: row.status === "approved" && row.suspendedAt !== null,
  };
}

async function certificatesOf(tx: Queryable, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({
      userId: certificates.userId,
      programmeId: certificates.programmeId,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
      revokedAt: certificates.revokedAt,
      revokedReason: certificates.revokedReason,
    })
    .from(certificates)
    .where(sql`${certificates.userId} in ${userIds}`);
}

/** Whether the person holds a certificate for the programme that is in force at this moment. */
async function holdsCertificateInForce(
  tx: Queryable,
  userId: string,
  programmeId: string,
  at: Date,
): Promise<boolean> {
  const windowDays = programmeById(programmeId)?.renewal.windowDays ?? 0;
  return (await certificatesOf(tx, [userId])).some(
    (c) => c.programmeId === programmeId && isInForce(certificateStatus(c, windowDays, at)),
  );
}

/**
 * A request locked for a manager's change: a 404 when it does not exist or its person is not
 * theirs to manage (the same answer, so nothing leaks), and a refusal when it is their own.
 */
async function lockRequestToManage(tx: Queryable, actor: Actor, requestId: string, own: string) {
  const [request] = await tx
    .select()
    .from(accountRequests)
    .where(eq(accountRequests.id, requestId))
    .for("update");
  if (!request) throw notFound();
  const person = await requirePersonInScope(actor, request.userId, tx);
  const refusal =
    person.id === actor.id
      ? { ok: false as const, status: 422 as const, errors: { form: own } }
      : null;
  return { request, person, refusal };
}

/** A person's requests and accounts, newest first. Observes suspensions as it reads. */
export async function accountsOf(userId: string) {
  const at = now();
  return db.transaction(async (tx) => {
    await observeLapses(tx, at, userId);
    const rows = await tx
      .select({ account: accountRequests, suspender: suspenders.name })
      .from(accountRequests)
      .leftJoin(suspenders, eq(suspenders.id, accountRequests.suspendedBy))
      .where(eq(accountRequests.userId, userId))
      .orderBy(desc(accountRequests.requestedAt));
    const held = await certificatesOf(tx, [userId]);
    return rows.map((row) => accountView(row.account, row.suspender, held, at));
  });
}

/** The /accounts page: my accounts, the platforms, the rule and what my handle should be. */
export async function accountsPage(user: { id: string; name: string }) {
  const [accounts, platforms, rule] = await Promise.all([
    accountsOf(user.id),
    listPlatforms(),
    handleRule(),
  ]);
  const at = now();
  const held = await certificatesOf(db, [user.id]);
  const inForce = new Set(
    held
      .filter((c) =>
        isInForce(certificateStatus(c, programmeById(c.programmeId)?.renewal.windowDays ?? 0, at)),
      )
      .map((c) => c.programmeId),
  );
  return {
    accounts,
    platforms: platforms.map((platform) => ({
      ...platform,
      programme: programmeById(platform.programmeId)?.title ?? platform.programmeId,
      eligible: inForce.has(platform.programmeId),
    })),
    rule,
    suggestedHandle: expectedHandle(rule, user.name),
  };
}

export async function requestAccount(
  user: { id: string; name: string },
  input: { platformId: string; handle: string },
): Promise<Outcome> {
  const at = now();
  return db.transaction(async (tx): Promise<Outcome> => {
    const platform = (await listPlatforms(tx)).find((p) => p.id === input.platformId);
    if (!platform)
      return {
        ok: false as const,
        status: 400 as const,
        errors: { platformId: "Choose a platform from the list" },
      };
    const programme = programmeById(platform.programmeId);
    const rule = await handleRule(tx);
    const problem = handleProblem(rule, user.name, input.handle);
    if (problem) return { ok: false as const, status: 400 as const, errors: { handle: problem } };
    if (!(await holdsCertificateInForce(tx, user.id, platform.programmeId, at))) {
      return {
        ok: false as const,
        status: 422 as const,
        errors: {
          platformId: `An account on ${platform.name} needs a valid "${programme?.title ?? platform.programmeId}" certificate. Earn it on the Certification page first.`,
        },
      };
    }
    const [added] = await tx
      .insert(accountRequests)
      .values({
        userId: user.id,
        platformId: platform.id,
        platformName: platform.name,
        handle: tidyHandle(input.handle),
        programmeId: platform.programmeId,
        requestedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: accountRequests.id });
    if (!added) {
      return {
        ok: false as const,
        status: 409 as const,
        errors: { platformId: `You already have a request or an account on ${platform.name}` },
      };
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "account.requested",
      subject: { type: "account", id: added.id },
      details: { holderId: user.id, platform: platform.id, handle: tidyHandle(input.handle) },
    });
    return { ok: true as const };
  });
}

/** Requests waiting for this manager (or any, for an admin), oldest first. */
export async function pendingRequests(actor: Actor) {
  return db
    .select({
      id: accountRequests.id,
      personId: users.id,
      person: users.name,
      department: departments.name,
      platform: accountRequests.platformName,
      handle: accountRequests.handle,
      requestedAt: accountRequests.requestedAt,
    })
    .from(accountRequests)
    .innerJoin(users, eq(users.id, accountRequests.userId))
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .where(
      and(eq(accountRequests.status, "pending"), inScope(actor), sql`${users.id} <> ${actor.id}`),
    )
    .orderBy(asc(accountRequests.requestedAt))
    .limit(100);
}

/**
 * A manager's decision on a request from someone they look after. Approval is refused unless the
 * requester holds a certificate in force for the programme the platform needs, and nobody
 * decides on their own request.
 */
export async function decideAccount(
  actor: Actor,
  requestId: string,
  decision: "approve" | "reject",
  reason: string,
): Promise<Outcome> {
  const at = now();
  const outcome = await db.transaction(async (tx) => {
    const { request, person, refusal } = await lockRequestToManage(
      tx,
      actor,
      requestId,
      "You cannot decide on your own request: another manager or an admin must.",
    );
    if (refusal) return refusal;
    if (request.status !== "pending") {
      return {
        ok: false as const,
        status: 409 as const,
        errors: { form: `This request was already ${request.status}.` },
      };
    }
    if (decision === "approve") {
      const programme = programmeById(request.programmeId);
      if (!(await holdsCertificateInForce(tx, request.userId, request.programmeId, at))) {
        return {
          ok: false as const,
          status: 422 as const,
          errors: {
            form: `${person.name} does not hold a valid "${programme?.title ?? request.programmeId}" certificate, which an account on ${request.platformName} needs. It cannot be approved.`,
          },
        };
      }
    }
    await tx
      .update(accountRequests)
      .set({
        status: decision === "approve" ? "approved" : "rejected",
        decidedBy: actor.id,
        decidedAt: at,
        decisionReason: reason,
        observedState: decision === "approve" ? "active" : null,
      })
      .where(eq(accountRequests.id, requestId));
    await recordAudit(tx, {
      actorId: actor.id,
      action: decision === "approve" ? "account.approved" : "account.rejected",
      subject: { type: "account", id: requestId },
      details: {
        holderId: request.userId,
        platform: request.platformId,
        handle: request.handle,
        why: reason,
      },
    });
    return { ok: true as const, person, request };
  });
  if (!outcome.ok) return outcome;
  await sendMail({
    to: outcome.person.email,
    subject: `Your ${outcome.request.platformName} account request was ${decision === "approve" ? "approved" : "rejected"}`,
    text: `Your request for ${outcome.request.handle} on ${outcome.request.platformName} was ${decision === "approve" ? "approved" : "rejected"}.\n\nReason: ${reason}\n\nSee your accounts: ${appLink("/accounts")}\n`,
  });
  return { ok: true };
}

/**
 * A manager (for someone they look after) or an admin suspends one live account, or lifts that
 * suspension, with a reason, without touching the certificate. A suspension by a manager stays
 * until a manager lifts it: renewing the certificate does not lift it.
 */
export async function suspendAccount(
  actor: Actor,
  requestId: string,
  change: "suspend" | "lift",
  reason: string,
): Promise<Outcome> {
  const at = now();
  const outcome = await db.transaction(async (tx) => {
    const { request, person, refusal } = await lockRequestToManage(
      tx,
      actor,
      requestId,
      "You cannot change your own account: another manager or an admin must.",
    );
    if (refusal) return refusal;
    if (request.status !== "approved") {
      return {
        ok: false as const,
        status: 409 as const,
        errors: { form: `This is not a live account: the request is ${request.status}.` },
      };
    }
    if ((change === "suspend") === (request.suspendedAt !== null)) {
      return {
        ok: false as const,
        status: 409 as const,
        errors: {
          form:
            change === "suspend"
              ? "This account is already suspended by a manager."
              : "This account has no suspension by a manager to lift.",
        },
      };
    }
    const details = {
      holderId: request.userId,
      platform: request.platformId,
      handle: request.handle,
      why: reason,
    };
    if (change === "suspend") {
      await tx
        .update(accountRequests)
        .set({
          suspendedAt: at,
          suspendedBy: actor.id,
          suspensionReason: reason,
          observedState: "suspended",
        })
        .where(eq(accountRequests.id, requestId));
      await recordAudit(tx, {
        actorId: actor.id,
        action: "account.suspended",
        subject: { type: "account", id: requestId },
        details,
      });
      return { ok: true as const, person, request, stillSuspended: true };
    }
    const certified = await holdsCertificateInForce(tx, request.userId, request.programmeId, at);
    await tx
      .update(accountRequests)
      .set({
        suspendedAt: null,
        suspendedBy: null,
        suspensionReason: null,
        observedState: certified ? "active" : "suspended",
      })
      .where(eq(accountRequests.id, requestId));
    // Lifting a manager's suspension reinstates the account only if its certificate is in
    // force; otherwise it stays suspended for the certificate, and the log says so.
    await recordAudit(tx, {
      actorId: actor.id,
      action: certified ? "account.reinstated" : "account.suspension-lifted",
      subject: { type: "account", id: requestId },
      details: certified
        ? details
        : { ...details, still: "suspended until the certificate is in force again" },
    });
    return { ok: true as const, person, request, stillSuspended: !certified };
  });
  if (!outcome.ok) return outcome;
  const { person, request, stillSuspended } = outcome;
  const what =
    change === "suspend"
      ? `was suspended by your manager`
      : stillSuspended
        ? "is no longer suspended by your manager, but stays suspended until your certificate is in force again"
        : "was reinstated by your manager";
  await sendMail({
    to: person.email,
    subject: `Your ${request.platformName} account ${change === "suspend" ? "was suspended" : stillSuspended ? "suspension was lifted" : "was reinstated"}`,
    text: `Your account ${request.handle} on ${request.platformName} ${what} on ${formatDate(at)}.\n\nReason: ${reason}\n\nSee your accounts: ${appLink("/accounts")}\n`,
  });
  return { ok: true };
}

export { programmes };

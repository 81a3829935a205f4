// My certification (checklists, certificates, renewal), a certificate's page and downloads, the
// public verification answer, and revocation.
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import {
  certificateRenewals,
  certificates,
  scenarios,
  scenarioVersions,
  users,
} from "../../db/schema";
import { recordAudit } from "../audit.server";
import { notFound } from "../auth/guard.server";
import { now } from "../clock.server";
import type { ProgrammeRequirement } from "../content/schema";
import type { Programme } from "../content/types";
import { db } from "../db.server";
import { formatDate } from "../learn/format";
import { appLink, sendMail } from "../mail.server";
import { awardIfEligible, observeLapses } from "./award.server";
import { loadEvidence } from "./evidence.server";
import { goalFor, latestCertificate } from "./lifecycle";
import { programmeById, programmes, windowDaysOf } from "./programmes.server";
import { remindersFor, sendDueReminders } from "./reminders.server";
import { type Evidence, evaluate, percentDone, type RequirementState } from "./requirements";
import { type Actor, requirePersonInScope } from "./scope.server";
import { type CertificateStatus, certificateStatus, daysUntil, windowOpensAt } from "./status";

/** Scenario titles from the library, by id; the id itself until the library is loaded. */
async function scenarioTitles(): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: scenarios.id, title: scenarioVersions.title })
    .from(scenarios)
    .innerJoin(scenarioVersions, eq(scenarioVersions.id, scenarios.currentVersionId));
  return new Map(rows.map((row) => [row.id, row.title]));
}

export interface ChecklistItem {
  id: string;
  label: string;
  detail: string | null;
  met: boolean;
  to: string | null;
}

function checklistItem(
  state: RequirementState,
  evidence: Evidence,
  titles: Map<string, string>,
): ChecklistItem {
  const requirement: ProgrammeRequirement = state.requirement;
  const course = "course" in requirement ? evidence.courses.get(requirement.course) : undefined;
  const scenario =
    "scenario" in requirement ? (titles.get(requirement.scenario) ?? requirement.scenario) : "";
  switch (requirement.type) {
    case "programme": {
      const title = programmeById(requirement.programme)?.title ?? requirement.programme;
      return {
        id: requirement.id,
        label: `Hold a valid “${title}” certificate`,
        detail: null,
        met: state.met,
        to: `/certification/${requirement.programme}`,
      };
    }
    case "lessons":
      return {
        id: requirement.id,
        label: `Read every lesson of “${course?.title ?? requirement.course}”`,
        detail: `${state.done} of ${state.total} read`,
        met: state.met,
        to: `/learn/${requirement.course}`,
      };
    case "quiz":
      return {
        id: requirement.id,
        label: `Pass the quiz of “${course?.title ?? requirement.course}”`,
        detail: null,
        met: state.met,
        to: `/learn/${requirement.course}/quiz`,
      };
    case "scenario":
      return {
        id: requirement.id,
        label: `Pass “${scenario}” in assessed mode`,
        detail: null,
        met: state.met,
        to: `/practice#scenario-${requirement.scenario}`,
      };
    case "trainer-sign-off":
      return {
        id: requirement.id,
        label: `A trainer signs off your reply in “${scenario}”`,
        detail: state.met ? null : "A trainer grades it after your assessed run",
        met: state.met,
        to: null,
      };
  }
}

export interface CertificateSummary {
  id: string;
  programmeId: string;
  programmeTitle: string;
  code: string;
  issuedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
  status: CertificateStatus;
  statusText: string;
}

export function statusText(
  certificate: { expiresAt: Date; revokedAt: Date | null },
  status: CertificateStatus,
  at: Date,
): string {
  switch (status) {
    case "valid":
      return `Certified until ${formatDate(certificate.expiresAt)}`;
    case "expiring": {
      const days = daysUntil(certificate.expiresAt, at);
      return `Expires in ${days} day${days === 1 ? "" : "s"}`;
    }
    case "expired":
      return `Expired on ${formatDate(certificate.expiresAt)}`;
    case "revoked":
      return `Revoked on ${formatDate(certificate.revokedAt as Date)}`;
  }
}

function summarise(row: typeof certificates.$inferSelect, at: Date): CertificateSummary {
  const status = certificateStatus(row, windowDaysOf(row.programmeId), at);
  return {
    id: row.id,
    programmeId: row.programmeId,
    programmeTitle: row.programmeTitle,
    code: row.code,
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    status,
    statusText: statusText(row, status, at),
  };
}

async function certificatesOf(userId: string) {
  return db
    .select()
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt));
}

/** One programme as a person stands in it: the certificate, the goal, the checklist. */
function standing(
  programme: Programme,
  held: (typeof certificates.$inferSelect)[],
  evidence: Evidence,
  titles: Map<string, string>,
  at: Date,
) {
  const mine = held.filter((certificate) => certificate.programmeId === programme.id);
  const latest = latestCertificate(mine);
  const goal = goalFor(programme, mine, at);
  const requirements = goal.kind === "held" ? programme.requirements : goal.requirements;
  const states = evaluate(requirements, evidence, {
    since: goal.kind === "held" ? null : goal.since,
    now: at,
    windowDaysOf,
  });
  const checklist = states.map((state) => checklistItem(state, evidence, titles));
  return {
    programme: { id: programme.id, title: programme.title, summary: programme.summary },
    validityMonths: programme.validity.months,
    windowDays: programme.renewal.windowDays,
    certificate: latest ? summarise(latest, at) : null,
    goal: goal.kind,
    windowOpensAt: latest ? windowOpensAt(latest.expiresAt, programme.renewal.windowDays) : null,
    checklist: goal.kind === "held" ? checklist.map((item) => ({ ...item, met: true })) : checklist,
    left: goal.kind === "held" ? 0 : checklist.filter((item) => !item.met).length,
    percent: goal.kind === "held" ? 100 : percentDone(states),
    renewalChecklist:
      goal.kind === "held"
        ? evaluate(programme.renewal.requirements, evidence, {
            since: null,
            now: at,
            windowDaysOf,
          }).map((state) => ({ ...checklistItem(state, evidence, titles), met: false }))
        : null,
  };
}

/** /certification: every programme's standing, my certificates and my reminders. */
export async function certificationFor(userId: string) {
  // Catch anything a missed call site left behind, and send reminders that are due.
  await awardIfEligible(userId);
  await sendDueReminders({ userId });
  const at = now();
  const [held, evidence, titles, reminders] = await Promise.all([
    certificatesOf(userId),
    loadEvidence(db, userId),
    scenarioTitles(),
    remindersFor(userId),
  ]);
  return {
    programmes: programmes().map((programme) => standing(programme, held, evidence, titles, at)),
    certificates: held.map((row) => summarise(row, at)),
    reminders,
  };
}

/** One programme for me: its page, or a 404 for a programme that does not exist. */
export async function programmeFor(userId: string, programmeId: string) {
  const programme = programmeById(programmeId);
  if (!programme) throw notFound();
  await awardIfEligible(userId);
  const at = now();
  const [held, evidence, titles, person] = await Promise.all([
    certificatesOf(userId),
    loadEvidence(db, userId),
    scenarioTitles(),
    db.select({ name: users.name }).from(users).where(eq(users.id, userId)),
  ]);
  const here = standing(programme, held, evidence, titles, at);
  const latest = latestCertificate(held.filter((c) => c.programmeId === programme.id));
  const renewals = latest
    ? await db
        .select({
          renewedAt: certificateRenewals.renewedAt,
          previousExpiresAt: certificateRenewals.previousExpiresAt,
          expiresAt: certificateRenewals.expiresAt,
        })
        .from(certificateRenewals)
        .where(eq(certificateRenewals.certificateId, latest.id))
        .orderBy(desc(certificateRenewals.renewedAt))
    : [];
  return {
    ...here,
    holder: person[0]?.name ?? "",
    verifyUrl: latest ? appLink(`/verify/${latest.code}`) : null,
    evidence: latest?.evidence ?? [],
    programmeHash: latest?.programmeHash ?? null,
    renewals,
  };
}

/** The holder's certificate for a programme, for the downloads; null when they hold none. */
export async function certificateForDownload(userId: string, programmeId: string) {
  if (!programmeById(programmeId)) throw notFound();
  const [row] = await db
    .select({ certificate: certificates, holder: users.name, email: users.email })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(and(eq(certificates.userId, userId), eq(certificates.programmeId, programmeId)))
    .orderBy(desc(certificates.issuedAt))
    .limit(1);
  if (!row) return null;
  return {
    ...summarise(row.certificate, now()),
    holder: row.holder,
    email: row.email,
    evidence: row.certificate.evidence,
    programmeHash: row.certificate.programmeHash,
    statusListIndex: row.certificate.statusListIndex,
  };
}

/** The public answer for a verification code: holder, programme, dates, status; nothing else. */
export async function verify(code: string) {
  const [row] = await db
    .select({ certificate: certificates, holder: users.name })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.code, code));
  if (!row) return null;
  const summary = summarise(row.certificate, now());
  return {
    holder: row.holder,
    programme: summary.programmeTitle,
    issuedAt: summary.issuedAt,
    expiresAt: summary.expiresAt,
    revokedAt: summary.revokedAt,
    status: summary.status,
    statusText: summary.statusText,
  };
}

export type RevokeOutcome =
  | { ok: true }
  | { ok: false; status: 409 | 422; errors: Record<string, string> };

/** A manager (for someone they look after) or an admin revokes a certificate, with a reason. */
export async function revokeCertificate(
  actor: Actor,
  certificateId: string,
  reason: string,
): Promise<RevokeOutcome> {
  const at = now();
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(certificates)
      .where(eq(certificates.id, certificateId))
      .for("update");
    if (!row) throw notFound();
    const person = await requirePersonInScope(actor, row.userId, tx);
    if (person.id === actor.id) {
      return {
        ok: false as const,
        status: 422 as const,
        errors: {
          form: "You cannot revoke your own certificate: another manager or an admin must.",
        },
      };
    }
    const revoked = await tx
      .update(certificates)
      .set({ revokedAt: at, revokedBy: actor.id, revokedReason: reason })
      .where(and(eq(certificates.id, certificateId), isNull(certificates.revokedAt)))
      .returning({ id: certificates.id });
    if (revoked.length === 0) {
      return {
        ok: false as const,
        status: 409 as const,
        errors: { form: "This certificate was already revoked." },
      };
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "certificate.revoked",
      subject: { type: "certificate", id: certificateId },
      details: { holderId: row.userId, programme: row.programmeId, why: reason },
    });
    // Every account it supported is suspended now, and that is recorded now.
    await observeLapses(tx, at, row.userId);
    return { ok: true as const, person, programmeTitle: row.programmeTitle };
  });
  if (!outcome.ok) return outcome;
  await sendMail({
    to: outcome.person.email,
    subject: `Your “${outcome.programmeTitle}” certificate was revoked`,
    text: `Your “${outcome.programmeTitle}” certificate was revoked on ${formatDate(at)}.\n\nReason: ${reason}\n\nAny live account that rests on it is suspended. To be certified again, meet the programme's requirements again: ${appLink("/certification")}\n`,
  });
  return { ok: true };
}

export async function certificateIdsOf(userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: certificates.id })
    .from(certificates)
    .where(inArray(certificates.userId, userIds));
}

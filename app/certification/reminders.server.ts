// Renewal reminders: 60, 30 and 7 days before expiry (as each programme says), in the app and
// by e-mail, and a notice once it has expired, to the holder and their line manager. Each is
// sent once per certificate period, recorded in certificate_reminders (the expiry notice as
// 0 days before). They go out when the holder or their manager opens a page, or when the
// hourly sweep runs (sweep.server.ts), whichever comes first.
import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { accountRequests, certificateReminders, certificates, users } from "../../db/schema";
import { now } from "../clock.server";
import { db } from "../db.server";
import { formatDate } from "../learn/format";
import { appLink, sendMail } from "../mail.server";
import { programmeById, programmes } from "./programmes.server";
import { certificateStatus, daysUntil, remindersDue } from "./status";

const day = 86_400_000;

/** Sends every reminder that is due and not yet sent, for these people or for everyone. */
export async function sendDueReminders(
  scope: { userId?: string; userIds?: string[] } = {},
): Promise<number> {
  const at = now();
  const furthest = Math.max(0, ...programmes().flatMap((p) => p.renewal.remindDaysBefore));
  if (scope.userIds && scope.userIds.length === 0) return 0;
  const due = await db
    .select({
      id: certificates.id,
      programmeId: certificates.programmeId,
      programmeTitle: certificates.programmeTitle,
      expiresAt: certificates.expiresAt,
      email: users.email,
      name: users.name,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(
      and(
        isNull(certificates.revokedAt),
        gt(certificates.expiresAt, at),
        lte(certificates.expiresAt, new Date(at.getTime() + furthest * day)),
        eq(users.active, true),
        scope.userId ? eq(certificates.userId, scope.userId) : undefined,
        scope.userIds ? inArray(certificates.userId, scope.userIds) : undefined,
      ),
    );
  let sent = 0;
  for (const certificate of due) {
    const programme = programmeById(certificate.programmeId);
    if (!programme) continue;
    const days = remindersDue(certificate.expiresAt, programme.renewal.remindDaysBefore, at);
    if (days.length === 0) continue;
    // Record every reminder that is due; mail only the nearest, so someone first seen 25 days
    // before expiry gets one e-mail, not the 60- and the 30-day one together.
    const recorded = await db
      .insert(certificateReminders)
      .values(
        days.map((daysBefore) => ({
          certificateId: certificate.id,
          expiresAt: certificate.expiresAt,
          daysBefore,
          sentAt: at,
        })),
      )
      .onConflictDoNothing()
      .returning({ daysBefore: certificateReminders.daysBefore });
    const nearest = Math.min(...days);
    if (!recorded.some((row) => row.daysBefore === nearest)) continue;
    const left = daysUntil(certificate.expiresAt, at);
    await sendMail({
      to: certificate.email,
      subject: `Your “${certificate.programmeTitle}” certificate expires in ${left} day${left === 1 ? "" : "s"}`,
      text: `Hello ${certificate.name},\n\nYour “${certificate.programmeTitle}” certificate expires in ${left} day${left === 1 ? "" : "s"}, on ${formatDate(certificate.expiresAt)}. Renew it before then to keep it, and any live account that rests on it, without a gap.\n\nWhat renewal needs: ${appLink(`/certification/${certificate.programmeId}`)}\n`,
    });
    sent++;
  }
  return sent + (await sendExpiryNotices(scope, at));
}

/**
 * How long after an expiry its notice still goes out: a council switching the app on with old
 * certificates in it does not mail about expiries long past.
 */
const expiryNoticeDays = 14;
const lineManagers = alias(users, "line_managers");

/**
 * Tells the holder, and their line manager, that a certificate expired and which live accounts
 * are suspended with it. Not for a certificate followed by a newer one for the same programme
 * (its holder has already earned it again).
 */
async function sendExpiryNotices(
  scope: { userId?: string; userIds?: string[] },
  at: Date,
): Promise<number> {
  const expired = await db
    .select({
      id: certificates.id,
      userId: certificates.userId,
      programmeId: certificates.programmeId,
      programmeTitle: certificates.programmeTitle,
      expiresAt: certificates.expiresAt,
      email: users.email,
      name: users.name,
      managerEmail: lineManagers.email,
      managerName: lineManagers.name,
    })
    .from(certificates)
    .innerJoin(users, eq(users.id, certificates.userId))
    .leftJoin(lineManagers, eq(lineManagers.id, users.lineManagerId))
    .where(
      and(
        isNull(certificates.revokedAt),
        lte(certificates.expiresAt, at),
        gt(certificates.expiresAt, new Date(at.getTime() - expiryNoticeDays * day)),
        eq(users.active, true),
        sql`not exists (select 1 from certificates newer where newer.user_id = ${certificates.userId}
          and newer.programme_id = ${certificates.programmeId}
          and newer.issued_at > ${certificates.issuedAt})`,
        scope.userId ? eq(certificates.userId, scope.userId) : undefined,
        scope.userIds ? inArray(certificates.userId, scope.userIds) : undefined,
      ),
    );
  let sent = 0;
  for (const certificate of expired) {
    const [recorded] = await db
      .insert(certificateReminders)
      .values({
        certificateId: certificate.id,
        expiresAt: certificate.expiresAt,
        daysBefore: 0,
        sentAt: at,
      })
      .onConflictDoNothing()
      .returning({ daysBefore: certificateReminders.daysBefore });
    if (!recorded) continue;
    const accounts = await db
      .select({ platform: accountRequests.platformName, handle: accountRequests.handle })
      .from(accountRequests)
      .where(
        and(
          eq(accountRequests.userId, certificate.userId),
          eq(accountRequests.programmeId, certificate.programmeId),
          eq(accountRequests.status, "approved"),
        ),
      );
    const suspended =
      accounts.length === 0
        ? ""
        : `\n\nThese live accounts rest on it and are suspended until it is earned again:\n${accounts
            .map((account) => `- ${account.handle} on ${account.platform}`)
            .join("\n")}`;
    const expiredOn = formatDate(certificate.expiresAt);
    await sendMail({
      to: certificate.email,
      subject: `Your “${certificate.programmeTitle}” certificate has expired`,
      text: `Hello ${certificate.name},\n\nYour “${certificate.programmeTitle}” certificate expired on ${expiredOn}.${suspended}\n\nTo be certified again, meet the programme's requirements again: ${appLink(`/certification/${certificate.programmeId}`)}\n`,
    });
    if (certificate.managerEmail) {
      await sendMail({
        to: certificate.managerEmail,
        subject: `${certificate.name}'s “${certificate.programmeTitle}” certificate has expired`,
        text: `Hello ${certificate.managerName},\n\n${certificate.name}'s “${certificate.programmeTitle}” certificate expired on ${expiredOn}.${suspended}\n\nTheir progress and evidence: ${appLink(`/team/${certificate.userId}`)}\n`,
      });
    }
    sent++;
  }
  return sent;
}

/** The in-app notices: each certificate of mine inside its renewal window. */
export async function remindersFor(userId: string) {
  const at = now();
  const rows = await db
    .select({
      programmeId: certificates.programmeId,
      programmeTitle: certificates.programmeTitle,
      issuedAt: certificates.issuedAt,
      expiresAt: certificates.expiresAt,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .where(
      and(
        eq(certificates.userId, userId),
        isNull(certificates.revokedAt),
        gt(certificates.expiresAt, at),
      ),
    );
  return rows
    .filter((row) => {
      const programme = programmeById(row.programmeId);
      return programme && certificateStatus(row, programme.renewal.windowDays, at) === "expiring";
    })
    .map((row) => ({
      programmeId: row.programmeId,
      programmeTitle: row.programmeTitle,
      expiresAt: row.expiresAt,
      daysLeft: daysUntil(row.expiresAt, at),
    }));
}

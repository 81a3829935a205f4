// Renewal reminders: 60, 30 and 7 days before expiry (as each programme says), in the app and
// by e-mail. Each is sent once per certificate period, recorded in certificate_reminders. There
// is no timer: reminders go out when the holder or their manager opens a page, or when
// setup calls sendDueReminders() at start-up, whichever comes first.
import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { certificateReminders, certificates, users } from "../../db/schema";
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

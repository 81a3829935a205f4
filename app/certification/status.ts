// A certificate's status from its dates alone, the same for every page, the dashboard's SQL
// (team.server.ts mirrors these rules) and the public verification page.

export type CertificateStatus = "valid" | "expiring" | "expired" | "revoked";

const day = 86_400_000;

export interface CertificateDates {
  issuedAt: Date | string;
  expiresAt: Date | string;
  revokedAt: Date | string | null;
}

/**
 * Revoked wins over everything; a certificate has expired from the instant of `expiresAt`; it is
 * expiring from `windowDays` days before that (the renewal window) and valid before then.
 */
export function certificateStatus(
  certificate: CertificateDates,
  windowDays: number,
  now: Date,
): CertificateStatus {
  if (certificate.revokedAt && new Date(certificate.revokedAt) <= now) return "revoked";
  const expires = new Date(certificate.expiresAt).getTime();
  if (now.getTime() >= expires) return "expired";
  if (now.getTime() >= expires - windowDays * day) return "expiring";
  return "valid";
}

/** A certificate that counts: it supports live accounts and satisfies `programme` requirements. */
export function isInForce(status: CertificateStatus): boolean {
  return status === "valid" || status === "expiring";
}

/** When the renewal window opens. */
export function windowOpensAt(expiresAt: Date | string, windowDays: number): Date {
  return new Date(new Date(expiresAt).getTime() - windowDays * day);
}

/**
 * `months` calendar months after `from`, at the same time of day; when that day does not exist
 * (31 January + 1 month), the last day of that month.
 */
export function addMonths(from: Date, months: number): Date {
  const target = new Date(from.getTime());
  const dayOfMonth = from.getUTCDate();
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(dayOfMonth, lastDay));
  return target;
}

/** Whole days from `now` until `then`, rounded up: 11.2 days left is "12 days". */
export function daysUntil(then: Date | string, now: Date): number {
  return Math.ceil((new Date(then).getTime() - now.getTime()) / day);
}

/** The reminders due by now for this expiry, largest first (60, 30, 7 days before). */
export function remindersDue(
  expiresAt: Date | string,
  remindDaysBefore: readonly number[],
  now: Date,
): number[] {
  const expires = new Date(expiresAt).getTime();
  if (now.getTime() >= expires) return [];
  return remindDaysBefore.filter((days) => now.getTime() >= expires - days * day);
}

export const statusLabels: Record<CertificateStatus, string> = {
  valid: "Valid",
  expiring: "Expiring",
  expired: "Expired",
  revoked: "Revoked",
};

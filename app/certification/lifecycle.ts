// What a person is working towards in a programme, given their certificates for it: a first
// award, a renewal inside the window, or a new award after a lapse or a revocation. Pure.

import type { ProgrammeRequirement } from "../content/schema";
import type { Programme } from "../content/types";
import {
  type CertificateDates,
  type CertificateStatus,
  certificateStatus,
  windowOpensAt,
} from "./status";

export type Goal =
  | { kind: "award"; requirements: ProgrammeRequirement[]; since: Date | null }
  | { kind: "renew"; requirements: ProgrammeRequirement[]; since: Date; certificateId: string }
  | { kind: "held"; certificateId: string };

export interface HeldCertificate extends CertificateDates {
  id: string;
  issuedAt: Date | string;
}

/** The newest certificate decides: earlier ones were superseded by it. */
export function latestCertificate<T extends HeldCertificate>(certificates: readonly T[]): T | null {
  return (
    [...certificates].sort(
      (a, b) => new Date(b.issuedAt).getTime() - new Date(a.issuedAt).getTime(),
    )[0] ?? null
  );
}

export function goalFor(
  programme: Programme,
  certificates: readonly HeldCertificate[],
  now: Date,
): Goal & { status: CertificateStatus | null } {
  const latest = latestCertificate(certificates);
  if (!latest)
    return { kind: "award", requirements: programme.requirements, since: null, status: null };
  const status = certificateStatus(latest, programme.renewal.windowDays, now);
  switch (status) {
    case "valid":
      return { kind: "held", certificateId: latest.id, status };
    case "expiring":
      return {
        kind: "renew",
        requirements: programme.renewal.requirements,
        since: windowOpensAt(latest.expiresAt, programme.renewal.windowDays),
        certificateId: latest.id,
        status,
      };
    case "expired":
      // Old evidence cannot bring a lapsed certificate straight back: only what was done
      // from the last renewal window on counts.
      return {
        kind: "award",
        requirements: programme.requirements,
        since: windowOpensAt(latest.expiresAt, programme.renewal.windowDays),
        status,
      };
    case "revoked":
      return {
        kind: "award",
        requirements: programme.requirements,
        since: new Date(latest.revokedAt as Date | string),
        status,
      };
  }
}

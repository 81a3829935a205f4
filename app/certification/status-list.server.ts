// Revocation status for signed Open Badges, as a W3C Bitstring Status List (decision 066). Each
// certificate has a place in a list (`certificates.status_list_index`, picked at random by the
// database); a list is one bit per place, set once that certificate is revoked. A verifier
// fetches the whole list, so we never learn which certificate it is checking.
import { Bitstring } from "@digitalbazaar/bitstring";
import { and, gte, isNotNull, lte } from "drizzle-orm";
import { certificates } from "../../db/schema";
import { notFound } from "../auth/guard.server";
import { db } from "../db.server";
import { appLink } from "../mail.server";

/** Places in one list: the specification's minimum, so each holder hides among that many. */
export const statusListLength = 131_072;
/** Lists are numbered from 1; places in the last one still fit the integer column. */
const lastList = 2 ** 31 / statusListLength;

export function statusListUrl(list: number): string {
  return appLink(`/credentials/status/${list}`);
}

/** The `credentialStatus` of a certificate's credential: where its revocation bit is published. */
export function revocationStatusEntry(statusListIndex: number) {
  const list = Math.floor(statusListIndex / statusListLength) + 1;
  const place = statusListIndex % statusListLength;
  const url = statusListUrl(list);
  return {
    id: `${url}#${place}`,
    type: "BitstringStatusListEntry",
    statusPurpose: "revocation",
    statusListIndex: String(place),
    statusListCredential: url,
  };
}

/**
 * One list's `encodedList`: a bit for each place, set for each revoked certificate, GZIP
 * compressed, base64url encoded and marked "u" as multibase asks. A list no certificate uses yet
 * is all zeros rather than missing, so what is served does not tell how many were issued.
 */
export async function encodedRevocationList(list: number): Promise<string> {
  if (!Number.isSafeInteger(list) || list < 1 || list > lastList) throw notFound();
  const start = (list - 1) * statusListLength;
  const revoked = await db
    .select({ index: certificates.statusListIndex })
    .from(certificates)
    .where(
      and(
        isNotNull(certificates.revokedAt),
        gte(certificates.statusListIndex, start),
        lte(certificates.statusListIndex, start + statusListLength - 1),
      ),
    );
  const bits = new Bitstring({ length: statusListLength });
  for (const { index } of revoked) bits.set(index - start, true);
  return `u${await bits.encodeBits()}`;
}

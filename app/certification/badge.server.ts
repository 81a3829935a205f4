// The certificate as an Open Badges 3.0 credential (a W3C Verifiable Credential, JSON-LD), that
// credential signed as a VC-JWT (docs/decisions/063), and as a PDF. Anyone can also check the
// certificate at the credential's id, the public /verify page, and a verifier can check that it
// is not revoked in the signed status list its `credentialStatus` names (decision 066).
import { createHash, randomBytes } from "node:crypto";
import { PDFDocument, type PDFFont, rgb, StandardFonts } from "pdf-lib";
import { now } from "../clock.server";
import type { Programme } from "../content/types";
import { formatDate } from "../learn/format";
import { appLink } from "../mail.server";
import { signCredential } from "./signing.server";
import { encodedRevocationList, revocationStatusEntry, statusListUrl } from "./status-list.server";

export interface CredentialInput {
  code: string;
  holder: string;
  email: string;
  programme: Programme;
  issuedAt: Date;
  expiresAt: Date;
  /** Its place in the revocation status lists. */
  statusListIndex: number;
}

const contexts = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];

/** Who issues the credentials: its `id` is where this profile is served, for verifiers to read. */
function issuer() {
  return {
    id: appLink("/issuer"),
    type: ["Profile"],
    name: "Ready to Post",
    url: appLink("/"),
    description:
      "Certifies that public-sector staff can handle social media before they post on a live account.",
  };
}

/** The issuer's Open Badges profile, as served at /issuer. */
export function issuerProfile() {
  return { "@context": contexts, ...issuer() };
}

export function openBadgeCredential(input: CredentialInput) {
  const salt = randomBytes(8).toString("hex");
  const identityHash = createHash("sha256")
    .update(input.email.toLowerCase() + salt)
    .digest("hex");
  return {
    "@context": contexts,
    id: appLink(`/verify/${input.code}`),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: issuer(),
    validFrom: input.issuedAt.toISOString(),
    validUntil: input.expiresAt.toISOString(),
    name: input.programme.title,
    credentialStatus: revocationStatusEntry(input.statusListIndex),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [
        {
          type: "IdentityObject",
          identityHash: `sha256$${identityHash}`,
          identityType: "emailAddress",
          hashed: true,
          salt,
        },
      ],
      achievement: {
        id: appLink(`/certification/${input.programme.id}`),
        type: ["Achievement"],
        name: input.programme.title,
        description: input.programme.summary,
        criteria: {
          narrative: `Every requirement of the "${input.programme.title}" programme met: ${input.programme.requirements.map((r) => r.id).join(", ")}.`,
        },
      },
    },
  };
}

/** The credential in the Open Badges 3.0 JSON Web Token proof format, for wallets and verifiers. */
export function signedOpenBadgeCredential(input: CredentialInput): Promise<string> {
  return signCredential(openBadgeCredential(input));
}

/** How long a verifier may use a status list before fetching it again, in milliseconds. */
export const statusListTtl = 5 * 60_000;
/** How long a status list stays valid: a holder can staple an old list for no longer. */
const statusListValidity = 60 * 60_000;

/**
 * A revocation status list as a BitstringStatusListCredential, signed like the badges (the
 * specification asks for the same proof format), fresh on each request.
 */
export async function signedRevocationListCredential(list: number): Promise<string> {
  const encodedList = await encodedRevocationList(list);
  const url = statusListUrl(list);
  const validFrom = now();
  const credential = {
    "@context": contexts,
    id: url,
    type: ["VerifiableCredential", "BitstringStatusListCredential"],
    issuer: issuer(),
    validFrom: validFrom.toISOString(),
    validUntil: new Date(validFrom.getTime() + statusListValidity).toISOString(),
    credentialSubject: {
      id: `${url}#list`,
      type: "BitstringStatusList",
      statusPurpose: "revocation",
      encodedList,
      ttl: statusListTtl,
    },
  };
  return signCredential(credential);
}

/** Text the standard PDF fonts can draw: anything they cannot becomes its plain letter or "?". */
function drawable(font: PDFFont, text: string): string {
  try {
    font.encodeText(text);
    return text;
  } catch {
    return [...text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")]
      .map((char) => {
        try {
          font.encodeText(char);
          return char;
        } catch {
          return "?";
        }
      })
      .join("");
  }
}

export async function certificatePdf(
  input: CredentialInput & { status: string },
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${input.programme.title}: ${input.holder}`);
  pdf.setAuthor("Ready to Post");
  const page = pdf.addPage([842, 595]); // A4 landscape, in points
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const ink = rgb(0.1, 0.12, 0.16);
  const centre = (text: string, y: number, size: number, font: PDFFont) => {
    const safe = drawable(font, text);
    const width = font.widthOfTextAtSize(safe, size);
    page.drawText(safe, { x: (842 - width) / 2, y, size, font, color: ink });
  };
  page.drawRectangle({
    x: 24,
    y: 24,
    width: 794,
    height: 547,
    borderColor: rgb(0.05, 0.3, 0.5),
    borderWidth: 3,
  });
  centre("Ready to Post", 500, 16, regular);
  centre("Certificate", 450, 36, bold);
  centre("This certifies that", 400, 14, regular);
  centre(input.holder, 360, 30, bold);
  centre("has met every requirement of", 320, 14, regular);
  centre(input.programme.title, 285, 22, bold);
  centre(
    `Issued ${formatDate(input.issuedAt)}  ·  Valid until ${formatDate(input.expiresAt)}`,
    240,
    13,
    regular,
  );
  centre(`Status when downloaded: ${input.status}`, 218, 11, regular);
  centre(`Verification code: ${input.code}`, 150, 14, bold);
  centre(`Check it at ${appLink(`/verify/${input.code}`)}`, 128, 11, regular);
  return pdf.save();
}

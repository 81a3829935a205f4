import {
  accountContactKeys,
  EMAIL,
  isAccountContact,
  isFullNumber,
  PHONE,
  phoneDigits,
} from "./contacts";
import { type AnalysisContext, type Finding, findMatches } from "./finding";

/**
 * Personal data in a public text. Organisations' own contact points are not personal data:
 * non-geographic numbers (03, 08, 09) and gov.uk e-mail addresses are left alone, so
 * signposting "call 0300 123 4567" or "email bins@anyshire.gov.uk" is not flagged, and so are
 * the numbers and addresses a scenario lists in `account.contacts` (decision 018).
 */

export function findPhoneNumbers(text: string, context: AnalysisContext = {}): Finding[] {
  const own = accountContactKeys(context);
  return findMatches(text, PHONE, "personal-data", {
    detail: "phone-number",
    keep: (match) => {
      const digits = phoneDigits(match[0]);
      return isFullNumber(digits) && /^0[127]/.test(digits) && !isAccountContact(match[0], own);
    },
  });
}

export function findEmailAddresses(text: string, context: AnalysisContext = {}): Finding[] {
  const own = accountContactKeys(context);
  return findMatches(text, EMAIL, "personal-data", {
    detail: "email-address",
    keep: (match) => !/\.gov\.uk$/i.test(match[0]) && !isAccountContact(match[0], own),
  });
}

const POSTCODE = /\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s?\d[ABD-HJLNP-UW-Z]{2})\b/gi;

export function findPostcodes(text: string): Finding[] {
  return findMatches(text, POSTCODE, "personal-data", { detail: "postcode" });
}

const STREET_TYPES =
  "Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Dr|Way|Crescent|Court|Ct|Place|Pl|Gardens|Terrace|Grove|Hill|Row|Walk|Square|View|Mews|Rise|Parade";
const STREET_ADDRESS = new RegExp(
  `\\b(?:(?:Flat|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+(?:[A-Z][a-z']+\\s+){1,3}(?:${STREET_TYPES})\\b`,
  "g",
);

export function findStreetAddresses(text: string): Finding[] {
  return findMatches(text, STREET_ADDRESS, "personal-data", { detail: "street-address" });
}

const NI_NUMBER =
  /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b/gi;

export function findNationalInsuranceNumbers(text: string): Finding[] {
  return findMatches(text, NI_NUMBER, "personal-data", { detail: "ni-number" });
}

const MONTHS =
  "January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\s+\\d{4}|(?:${MONTHS})\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4})`;
const DATE_OF_BIRTH = new RegExp(
  `\\b(?:d\\.?o\\.?b\\.?|date of birth|born(?:\\s+on)?|birthday(?:\\s+is)?)\\s*(?:is\\s+|was\\s+|:\\s*|-\\s*)?${DATE}`,
  "gi",
);

/** A date counts as a date of birth only next to a cue ("DOB", "born on"): most dates are not. */
export function findDatesOfBirth(text: string): Finding[] {
  return findMatches(text, DATE_OF_BIRTH, "personal-data", { detail: "date-of-birth" });
}

const CASE_REFERENCE =
  /\b(?:case|ref|reference|account|claim|application|ticket|crn|council tax)(?:\s+(?:ref|reference|no|number|id))?\.?\s*(?:is\s+|:\s*|#\s*)?([A-Z]{0,4}[-/]?\d[\dA-Z/-]{3,})\b/gi;

export function findCaseReferences(text: string): Finding[] {
  return findMatches(text, CASE_REFERENCE, "personal-data", {
    detail: "case-reference",
    group: 1,
    keep: (match) => (match[1]?.replace(/\D/g, "").length ?? 0) >= 4,
  });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const detailPatterns = new Map<string, RegExp>();

function detailPattern(detail: string): RegExp {
  let pattern = detailPatterns.get(detail);
  if (!pattern) {
    pattern = new RegExp(`\\b${escapeRegExp(detail)}\\b`, "gi");
    detailPatterns.set(detail, pattern);
  }
  return pattern;
}

/** A persona's private details (an address, a child's name) repeated in the text. */
export function findPersonaDetails(text: string, context: AnalysisContext = {}): Finding[] {
  return (context.personalDetails ?? []).flatMap((detail) =>
    findMatches(text, detailPattern(detail.text), "personal-data", { detail: "persona-detail" }),
  );
}

/** All personal data; where two checks see the same characters, the first (longest) wins. */
export function findPersonalData(text: string, context: AnalysisContext = {}): Finding[] {
  const all = [
    ...findPersonaDetails(text, context),
    ...findStreetAddresses(text),
    ...findEmailAddresses(text, context),
    ...findNationalInsuranceNumbers(text),
    ...findDatesOfBirth(text),
    ...findCaseReferences(text),
    ...findPhoneNumbers(text, context),
    ...findPostcodes(text),
  ];
  const kept: Finding[] = [];
  for (const finding of all) {
    if (!kept.some((other) => finding.start < other.end && other.start < finding.end)) {
      kept.push(finding);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

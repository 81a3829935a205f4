import type { AnalysisContext } from "./finding";

/**
 * Phone numbers and e-mail addresses, and how a scenario's `account.contacts` (the
 * organisation's own published ones) are told apart from anyone else's.
 */

/** A UK phone number as people write it: spaces or hyphens, +44, (0), or a bracketed area code. */
export const PHONE =
  /(?<![\d/.])(?:\+44\s?(?:\(0\)\s?)?\d{2,4}|\(0\d{2,4}\)|0\d{2,4})(?:[\s-]?\d{3,4}){1,2}(?![\d/])/g;

export const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** A number's digits as dialled within the UK: "+44 (0)1632 960500" gives "01632960500". */
export function phoneDigits(raw: string): string {
  const digits = raw.replace(/\D/g, "");
  if (raw.trim().startsWith("+44")) {
    const rest = digits.slice(2);
    return rest.startsWith("0") ? rest : `0${rest}`;
  }
  return digits;
}

/** A full UK number has 10 or 11 digits from its leading 0. */
export function isFullNumber(digits: string): boolean {
  return (digits.length === 10 || digits.length === 11) && digits.startsWith("0");
}

/** The one match of `pattern` that is the whole of `text`, if there is one. */
function wholeMatch(text: string, pattern: RegExp): boolean {
  const matches = [...text.matchAll(pattern)];
  return matches.length === 1 && matches[0]?.[0] === text;
}

/**
 * How a contact is compared, so spacing, +44 and case do not matter: a phone number's digits
 * from its leading 0, an e-mail address in lower case. Null when the text is neither, whole.
 */
export function contactKey(text: string): string | null {
  const trimmed = text.trim();
  if (wholeMatch(trimmed, PHONE)) {
    const digits = phoneDigits(trimmed);
    return isFullNumber(digits) ? digits : null;
  }
  if (wholeMatch(trimmed, EMAIL)) return trimmed.toLowerCase();
  return null;
}

/** The keys of the account's own contacts, for `isAccountContact`. */
export function accountContactKeys(context: AnalysisContext): Set<string> {
  const keys = new Set<string>();
  for (const contact of context.accountContacts ?? []) {
    const key = contactKey(contact);
    if (key !== null) keys.add(key);
  }
  return keys;
}

/** Whether a matched phone number or e-mail address is one the account publishes. */
export function isAccountContact(found: string, keys: ReadonlySet<string>): boolean {
  if (keys.size === 0) return false;
  return keys.has(found.includes("@") ? found.toLowerCase() : phoneDigits(found));
}

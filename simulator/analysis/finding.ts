import type { FindingKind } from "../schema/scenario";

/** Something reply analysis noticed, with the character span [start, end) that caused it. */
export interface Finding {
  kind: FindingKind;
  /** For personal data: which sort (phone-number, email-address, ...). */
  detail?: string;
  start: number;
  end: number;
  text: string;
}

/** A private detail of a persona that must not be repeated in public. */
export interface PersonalDetail {
  personaId: string;
  text: string;
}

export interface AnalysisContext {
  personalDetails?: readonly PersonalDetail[];
  /** The organisation's own published phone numbers and e-mail addresses (`account.contacts`). */
  accountContacts?: readonly string[];
}

/**
 * Every match of `pattern` (which must be global) as a finding, skipping matches that
 * `keep` rejects. `group` picks a capture group for the span instead of the whole match.
 */
export function findMatches(
  text: string,
  pattern: RegExp,
  kind: FindingKind,
  options: { detail?: string; keep?: (match: RegExpExecArray) => boolean; group?: number } = {},
): Finding[] {
  const findings: Finding[] = [];
  for (const match of text.matchAll(pattern)) {
    if (options.keep && !options.keep(match)) continue;
    const whole = match[0];
    const part = options.group === undefined ? whole : (match[options.group] ?? whole);
    const start = match.index + (options.group === undefined ? 0 : whole.indexOf(part));
    const finding: Finding = { kind, start, end: start + part.length, text: part };
    if (options.detail !== undefined) finding.detail = options.detail;
    findings.push(finding);
  }
  return findings;
}

/** The text just before `index`, for checking what precedes a match (negation, cues). */
export function before(text: string, index: number, length = 30): string {
  return text.slice(Math.max(0, index - length), index);
}

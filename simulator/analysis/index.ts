import type { FindingKind } from "../schema/scenario";
import type { AnalysisContext, Finding } from "./finding";
import { findPersonalData } from "./personal-data";
import {
  findApology,
  findCorrection,
  findDefensive,
  findHostile,
  findOverPromise,
  findPartyPolitical,
  findSarcasm,
  findShouting,
  findSignposting,
  findTooLong,
} from "./tone";

export const CHECKS: Record<FindingKind, (text: string, context: AnalysisContext) => Finding[]> = {
  "personal-data": findPersonalData,
  apology: findApology,
  correction: findCorrection,
  signposting: findSignposting,
  "too-long": findTooLong,
  shouting: findShouting,
  hostile: findHostile,
  sarcastic: findSarcasm,
  defensive: findDefensive,
  "party-political": findPartyPolitical,
  "over-promise": findOverPromise,
};

/** Every finding in a text, in order of where it starts. */
export function analyseText(text: string, context: AnalysisContext = {}): Finding[] {
  return Object.values(CHECKS)
    .flatMap((check) => check(text, context))
    .sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
}

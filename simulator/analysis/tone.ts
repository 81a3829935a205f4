import { accountContactKeys, EMAIL, isAccountContact, PHONE } from "./contacts";
import { type AnalysisContext, before, type Finding, findMatches } from "./finding";

/**
 * Checks on how a text is phrased. Each is a list of patterns chosen to catch the phrasing a
 * trainer would flag while leaving near-misses alone (sympathy is not an apology, "rubbish
 * collection" is not an insult, "we can't promise" is not a promise).
 */

const NEGATION =
  /\b(?:can't|cannot|can not|won't|unable to|not|no|never|don't)\s+(?:\w+\s+){0,2}$/i;

const SORRY = /\b(?:sorry|apologi[sz]e[sd]?|apologies)\b/gi;
/** After "sorry": sympathy, a conditional non-apology, or a request to repeat. */
const NOT_AN_APOLOGY =
  /^(?:[\s,]*(?:very|so|really|truly))?[\s,]*(?:to hear|to see|to read|to learn|you(?:'ve|'re| have| are| feel| were)|that you\b|if\b|for your loss|but\b|not sorry|,?\s*(?:what|who|which|can you|could you|did you)\b|\?)/i;

export function findApology(text: string): Finding[] {
  return findMatches(text, SORRY, "apology", {
    keep: (match) => {
      const after = text.slice(match.index + match[0].length, match.index + match[0].length + 30);
      if (NOT_AN_APOLOGY.test(after)) return false;
      // "Sorry if..." aside, "I'm not sorry" and "no need to apologise" are not apologies either.
      return !/\b(?:not|no need to|never)\s+(?:\w+\s+)?$/i.test(before(text, match.index));
    },
  });
}

const CORRECTION =
  /\bcorrection:|\b(?:to correct|we should have said|(?:it|that|this|the post) should (?:have )?(?:said|read)|should read|we got (?:that|this|it|the \w+) wrong|(?:our|my|the) (?:earlier|previous|last|first) (?:post|tweet|message|update) (?:was|is) (?:wrong|incorrect|mistaken|not right)|was (?:incorrect|wrong|a mistake)|we made (?:a|an) (?:mistake|error)|(?:our|my) (?:mistake|error)|the correct (?:date|time|day|number|figure|address|link|information) is|we(?:'ve| have) (?:corrected|updated|amended) (?:the|our|that|this) (?:post|tweet|information|details)|to clarify)\b/gi;

export function findCorrection(text: string): Finding[] {
  return findMatches(text, CORRECTION, "correction");
}

const SIGNPOST =
  /\b(?:https?:\/\/\S+|www\.\S+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.gov\.uk(?:\/\S*)?|report (?:it|this|a [\w-]+(?: [\w-]+)?) (?:online|on our website|at|via|through|using)|(?:call|phone|ring) (?:us|our|the council|customer services|the contact centre)|contact (?:us|our|the) (?:\w+ )?(?:team|centre|center|service|services|department|office)|customer services|contact centre|(?:send|drop) us a (?:direct |private )?message|(?:dm|message|email|e-mail) us|direct message|private message|visit our (?:website|site|page)|on our (?:website|app)|(?:fill in|complete|use) (?:the|our) (?:online )?form|complaints (?:procedure|process|form))/gi;

/** Pointing to an official channel, including the account's own published contacts. */
export function findSignposting(text: string, context: AnalysisContext = {}): Finding[] {
  const own = accountContactKeys(context);
  const contacts =
    own.size === 0
      ? []
      : [PHONE, EMAIL].flatMap((pattern) =>
          findMatches(text, pattern, "signposting", {
            keep: (match) => isAccountContact(match[0], own),
          }),
        );
  return [...findMatches(text, SIGNPOST, "signposting"), ...contacts].sort(
    (a, b) => a.start - b.start,
  );
}

export const LONG_TEXT = 280;

export function findTooLong(text: string): Finding[] {
  if (text.length <= LONG_TEXT) return [];
  return [{ kind: "too-long", start: LONG_TEXT, end: text.length, text: text.slice(LONG_TEXT) }];
}

/** Short capitalised words are usually acronyms (NHS, HMRC, CCTV), not shouting. */
const ACRONYMS = new Set([
  "COVID",
  "GOV",
  "UK",
  "NHS",
  "HMRC",
  "DWP",
  "CCTV",
  "BBC",
  "ITV",
  "MP",
  "I",
]);
const CAPS_RUN = /\b[A-Z][A-Z']*[A-Z](?:[\s,]+[A-Z][A-Z']*[A-Z])*\b/g;

export function findShouting(text: string): Finding[] {
  const words = findMatches(text, CAPS_RUN, "shouting", {
    keep: (match) => {
      const parts = match[0].split(/[\s,]+/).filter((word) => !ACRONYMS.has(word));
      const letters = parts.join("").length;
      return (parts.length >= 2 && letters >= 5) || parts.some((word) => word.length >= 5);
    },
  });
  return [...words, ...findMatches(text, /[!?]*!{3,}[!?]*|[!?]{4,}/g, "shouting")].sort(
    (a, b) => a.start - b.start,
  );
}

const HOSTILE =
  /\b(?:idiots?|morons?|stupid|pathetic|imbeciles?|numpty|numpties|cretins?|get a life|shut up|get lost|grow up|how dare you|you people|learn to read|do your (?:own )?research|nobody cares|no one cares|piss off|sod off|talking rubbish|get over it|deal with it|your own fault|clueless|useless)\b/gi;

export function findHostile(text: string): Finding[] {
  return findMatches(text, HOSTILE, "hostile");
}

const SARCASM =
  /(?:\boh,? (?:great|brilliant|wonderful|lovely|fantastic|joy|good|marvellous)\b|\bthanks for nothing\b|\byeah,? right\b|\bwhat a (?:surprise|shock)\b|\bgood luck with that\b|,\s*(?:genius|einstein|sherlock)\b|\bslow clap\b|\bmust be nice\b|\bwho knew\?|\bsure,? because\b|\bshock,? horror\b|\bcolou?r me (?:surprised|shocked)\b|\bheaven forbid\b|\bhow (?:very|terribly) (?:kind|generous|helpful)\b|\bwell done,? (?:you|genius|everyone)\b|\bbecause that(?:'s| is) (?:worked|gone) so well\b|\bnice one,? (?:genius|mate)\b)/gi;

export function findSarcasm(text: string): Finding[] {
  return findMatches(text, SARCASM, "sarcastic");
}

const DEFENSIVE =
  /\b(?:(?:it(?:'s| is)|that(?:'s| is)) not (?:our|my) (?:fault|responsibility|problem|job)|not our (?:fault|responsibility|problem)|we(?:'ve| have) already (?:said|explained|told|answered)|as (?:we|i)(?: have| had)? (?:already|previously) (?:said|stated|explained)|if you(?:'d| had) (?:read|looked|checked|bothered)|if you bothered|you should have (?:read|checked|looked)|we did nothing wrong|we stand by|we are not to blame|we're not to blame|that(?:'s| is) simply not true|for the (?:last|third|fourth|hundredth|umpteenth) time|with (?:all due )?respect,|you clearly (?:didn't|did not|haven't)|it(?:'s| is) not us\b)/gi;

export function findDefensive(text: string): Finding[] {
  return findMatches(text, DEFENSIVE, "defensive");
}

const PARTY =
  "(?:labour|conservatives?|tory|tories|lib ?dems?|liberal democrats?|greens?|green party|reform(?: uk)?|snp|plaid(?: cymru)?|ukip)";
const PARTY_POLITICAL = new RegExp(
  [
    `\\b(?:vote|voting|elect)\\s+(?:for\\s+|against\\s+)?(?:the\\s+)?${PARTY}\\b`,
    "\\b(?:don't|do not|never)\\s+vote\\b",
    `\\b(?:blame|because of|courtesy of)\\s+(?:the\\s+)?(?:${PARTY}|(?:this\\s+)?government|westminster|ministers?)\\b`,
    `\\bthanks to (?:the\\s+)?(?:tory|tories|labour|conservatives?|lib ?dems?|reform)\\b`,
    `\\b${PARTY}(?:'s)?\\s+(?:cuts|austerity|mess|chaos|failures?|incompetence|lies|disaster|shambles|betrayal)\\b`,
    `\\b(?:useless|incompetent|corrupt|hopeless|disastrous|clueless|heartless|lying)\\s+(?:${PARTY}|government|ministers?|councillors?|politicians?)\\b`,
    `\\b${PARTY}\\s+(?:have|has)\\s+(?:ruined|destroyed|wrecked|failed|broken|betrayed)\\b`,
  ].join("|"),
  "gi",
);

export function findPartyPolitical(text: string): Finding[] {
  return findMatches(text, PARTY_POLITICAL, "party-political");
}

const DEADLINE =
  "(?:today|tonight|tomorrow|immediately|right away|straight away|within the hour|this (?:morning|afternoon|evening)|by (?:the end of )?(?:today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday))";
const OVER_PROMISE = new RegExp(
  [
    "\\b(?:guarantee[sd]?|promise[sd]?)\\b",
    "\\b(?:never|won't|will not)\\s+(?:ever\\s+)?happen again\\b",
    "\\bnever again\\b",
    `\\bwe(?:'ll| will| shall)\\s+(?:definitely\\s+|personally\\s+|make sure (?:to\\s+|we\\s+|it\\s+|that\\s+)?)?(?:fix|sort|repair|resolve|collect|grit|clear|empty|replace|get)\\b[^.!?]{0,40}?\\b${DEADLINE}\\b`,
    "\\bwe(?:'ll| will)\\b[^.!?]{0,40}?\\b(?:every|all)\\s+(?:the\\s+)?(?:single\\s+)?(?:roads?|streets?|bins?|potholes?|households?|pavements?|homes?)\\b",
    "\\b(?:we(?:'ll| will)|you(?:'ll| will))\\s+(?:get\\s+|receive\\s+)?(?:compensat\\w+|a (?:full )?refund)",
  ].join("|"),
  "gi",
);

export function findOverPromise(text: string): Finding[] {
  return findMatches(text, OVER_PROMISE, "over-promise", {
    keep: (match) => !NEGATION.test(before(text, match.index, 25)),
  });
}

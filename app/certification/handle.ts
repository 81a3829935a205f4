// The organisation's naming rule for live-account handles, e.g. "{name}DemoCouncil" makes
// @JaneSmithDemoCouncil: anyone can tell an accredited account from its handle. Pure.

export const defaultHandleRule = "{name}DemoCouncil";

const placeholders = ["{name}", "{first}", "{last}"] as const;

/** Why a rule cannot be used, or null when it can. */
export function handleRuleProblem(rule: string): string | null {
  if (!placeholders.some((placeholder) => rule.includes(placeholder))) {
    return "The rule must include {name}, {first} or {last}, so each handle names its holder";
  }
  const rest = placeholders.reduce((text, placeholder) => text.split(placeholder).join(""), rule);
  if (/[{}]/.test(rest)) return "Use only the placeholders {name}, {first} and {last}";
  if (!/^[A-Za-z0-9_]*$/.test(rest)) {
    return "Apart from the placeholders, use only letters, digits and _";
  }
  return null;
}

function words(name: string): string[] {
  return (
    name
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      // O'Neill is one word: ONeill, not O and Neill.
      .replace(/['’]/g, "")
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .map((word) => word[0]?.toUpperCase() + word.slice(1).toLowerCase())
  );
}

/** The handle the rule gives a person, with its @. */
export function expectedHandle(rule: string, personName: string): string {
  const parts = words(personName);
  const expanded = rule
    .replaceAll("{name}", parts.join(""))
    .replaceAll("{first}", parts[0] ?? "")
    .replaceAll("{last}", parts.at(-1) ?? "");
  return `@${expanded}`;
}

/** A handle as typed: trimmed, with one leading @. */
export function tidyHandle(input: string): string {
  const bare = input.trim().replace(/^@+/, "");
  return `@${bare}`;
}

/** Null when the handle follows the rule (in any letter case), else a message that says how. */
export function handleProblem(rule: string, personName: string, handle: string): string | null {
  const expected = expectedHandle(rule, personName);
  if (tidyHandle(handle).toLowerCase() === expected.toLowerCase()) return null;
  return `Handles follow the rule "${rule}", so yours must be ${expected}`;
}

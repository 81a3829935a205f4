// The model checker's counter-examples in plain words, one sentence per step, so a trainer can
// follow them by hand in a play-test.
import { formatClock, type PathStep } from "../../simulator";

const teams: Record<string, string> = {
  comms: "the communications team",
  safeguarding: "the safeguarding team",
  "press-office": "the press office",
  complaints: "the complaints team",
  legal: "the legal team",
  "line-manager": "your line manager",
};

function quoted(text: string): string {
  return `“${text}”`;
}

export function describeAction(step: Extract<PathStep, { kind: "action" }>["action"]): string {
  switch (step.type) {
    case "reply":
      return `Reply to ${step.target}: ${quoted(step.text)}`;
    case "post":
      return `Post: ${quoted(step.text)}`;
    case "edit":
      return `Edit ${step.target} to read: ${quoted(step.text)}`;
    case "delete":
      return `Delete ${step.target}`;
    case "hide":
      return `Hide ${step.target}`;
    case "unhide":
      return `Unhide ${step.target}`;
    case "report":
      return `Report ${step.target} for ${step.reason.replace("-", " ")}`;
    case "block":
      return `Block ${step.persona}`;
    case "message":
      return `Send ${step.persona} a direct message: ${quoted(step.text)}`;
    case "escalate":
      return `Escalate ${step.target} to ${teams[step.team] ?? step.team}${step.note ? ` with the note ${quoted(step.note)}` : ""}`;
    case "like":
      return `Like ${step.target}`;
    case "pin":
      return `Pin ${step.target}`;
    case "wait":
      return "Wait";
  }
}

export interface PlainStep {
  /** "0:10" since the start of the run. */
  clock: string;
  at: number;
  kind: PathStep["kind"];
  text: string;
}

export function plainStep(step: PathStep): PlainStep {
  const text =
    step.kind === "time"
      ? `${step.note.charAt(0).toUpperCase()}${step.note.slice(1)}.`
      : `${describeAction(step.action)}.`;
  return { clock: formatClock(step.at), at: step.at, kind: step.kind, text };
}

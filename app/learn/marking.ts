// Marking a quiz attempt. Pure: the use case loads the questions and the answers, this decides.

export interface MarkableQuestion {
  id: string;
  type: "single" | "multiple" | "true-false" | "best-reply";
  options: readonly { id: string; correct: boolean }[];
}

/** Types where the learner picks exactly one option. */
export function takesOneAnswer(type: MarkableQuestion["type"]): boolean {
  return type !== "multiple";
}

/**
 * Right when the chosen options are exactly the right ones. For "choose all that apply" that
 * means all or nothing: ticking every box must not score, and half the right boxes is not right.
 */
export function markQuestion(question: MarkableQuestion, chosen: readonly string[]): boolean {
  const right = question.options.filter((option) => option.correct).map((option) => option.id);
  const picked = new Set(chosen);
  return picked.size === right.length && right.every((id) => picked.has(id));
}

/** Pass when the share right reaches the pass mark (a percentage), in whole numbers. */
export function passes(score: number, total: number, passMark: number): boolean {
  return total > 0 && score * 100 >= passMark * total;
}

/** The fewest right answers that pass, to tell a learner what they need. */
export function scoreNeeded(total: number, passMark: number): number {
  return Math.ceil((passMark * total) / 100);
}

export type AnswerCheck =
  | { ok: true; answers: Map<string, string[]> }
  /** Something the page cannot send: a question or option that is not there. */
  | { ok: false; kind: "tampered"; message: string }
  /** Questions left blank, by question id, in the order they were asked. */
  | { ok: false; kind: "unanswered"; questionIds: string[] };

/**
 * Checks submitted answers against the questions of an attempt before anything is marked.
 * `given` maps question id to the option ids chosen.
 */
export function checkAnswers(
  questions: readonly MarkableQuestion[],
  given: Readonly<Record<string, readonly string[]>>,
): AnswerCheck {
  const numbers = new Map(questions.map((question, index) => [question.id, index + 1]));
  for (const id of Object.keys(given)) {
    if (!numbers.has(id)) {
      return { ok: false, kind: "tampered", message: `"${id}" is not a question in this attempt.` };
    }
  }
  const answers = new Map<string, string[]>();
  const unanswered: string[] = [];
  for (const question of questions) {
    const chosen = [...new Set(given[question.id] ?? [])];
    const number = numbers.get(question.id);
    const offered = new Set(question.options.map((option) => option.id));
    const stranger = chosen.find((id) => !offered.has(id));
    if (stranger !== undefined) {
      return {
        ok: false,
        kind: "tampered",
        message: `"${stranger}" is not one of the options for question ${number}.`,
      };
    }
    if (takesOneAnswer(question.type) && chosen.length > 1) {
      return { ok: false, kind: "tampered", message: `Question ${number} takes only one answer.` };
    }
    if (chosen.length === 0) unanswered.push(question.id);
    answers.set(question.id, chosen);
  }
  if (unanswered.length > 0) return { ok: false, kind: "unanswered", questionIds: unanswered };
  return { ok: true, answers };
}

// The learning pages' forms, shared by each page and its action.
import { z } from "zod";

/** Question ids are slugs, like every content id. */
const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** "Ask to take this course" on the course page and on /learn. */
export const askForm = z.object({
  intent: z.literal("ask", { error: "Choose what to do: ask to take this course" }),
});

/** "Mark as done" on a lesson: the version is the one the learner read. */
export const completeLessonForm = z.object({
  intent: z.literal("complete", { error: "Choose what to do: mark the lesson as done" }),
  version: z
    .string({ error: "Say which version of the lesson you read" })
    .regex(/^[0-9a-f]{64}$/, "The lesson version must be a content hash"),
});

/** "Start an attempt" on the quiz page. */
export const startAttemptForm = z.object({
  intent: z.literal("start", { error: "Choose what to do: start an attempt" }),
});

const ANSWER_PREFIX = "q-";

/** The field holding the answer to a question: radios share it, checkboxes repeat it. */
export function answerField(questionId: string): string {
  return `${ANSWER_PREFIX}${questionId}`;
}

/** Submitting an attempt: option ids chosen, by question id. */
export const submitAttemptForm = z.object({
  intent: z.literal("submit", { error: "Choose what to do: submit your answers" }),
  answers: z
    .record(
      z.string(),
      z
        .array(z.string().max(16, "An option id is at most 16 characters"))
        .max(8, "A question has at most eight options"),
    )
    .superRefine((answers, ctx) => {
      const ids = Object.keys(answers);
      if (ids.length > 100) ctx.addIssue({ code: "custom", message: "There are too many answers" });
      const bad = ids.find((id) => id.length > 80 || !slug.test(id));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `"${bad.slice(0, 80)}" does not name a question` });
      }
    }),
});
export type SubmittedAttempt = z.output<typeof submitAttemptForm>;

/** Reads the answer form: checkboxes send a field once per box, so values are gathered. */
export function readAttemptForm(formData: FormData) {
  const answers: Record<string, string[]> = {};
  for (const [key, value] of formData) {
    if (!key.startsWith(ANSWER_PREFIX)) continue;
    const questionId = key.slice(ANSWER_PREFIX.length);
    answers[questionId] ??= [];
    answers[questionId].push(typeof value === "string" ? value : "");
  }
  const result = submitAttemptForm.safeParse({ intent: formData.get("intent"), answers });
  if (result.success) return { ok: true as const, data: result.data };
  return {
    ok: false as const,
    message: result.error.issues[0]?.message ?? "The answers are not valid",
  };
}

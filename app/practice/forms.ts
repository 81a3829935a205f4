// The practice pages' forms and requests, shared by each page and its action.
import { z } from "zod";

export const runModes = ["practice", "assessed"] as const;

/** "Start" on /practice: which scenario, in which mode. */
export const startRunForm = z.object({
  intent: z.literal("start", { error: "Choose what to do: start a run" }),
  scenario: z
    .string({ error: "Choose a scenario" })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Choose a scenario from the list")
    .max(80, "Choose a scenario from the list"),
  mode: z.enum(runModes, { error: "Choose practice or assessed mode" }),
});

/** "Try again" on the debrief. */
export const retryRunForm = z.object({
  intent: z.literal("retry", { error: "Choose what to do: try again" }),
});

/**
 * What the run page sends to /practice/runs/:id/live: a trainee action (checked by the engine,
 * not here) or a clock command. The action stays `unknown` so the engine gives the reason.
 */
export const liveRequest = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("action"), action: z.unknown() }),
  z.strictObject({ kind: z.literal("clock"), command: z.enum(["pause", "resume", "skip"]) }),
]);
export type LiveRequest = z.infer<typeof liveRequest>;

/** Larger than any action the page can send (2,000 characters of text and a note). */
export const MAX_LIVE_BODY = 16_000;

/** `?at=` on the replay page: seconds into the run. */
export const replayQuery = z.object({
  at: z.coerce.number().int().min(0).max(86_400).optional(),
});

import { z } from "zod";
import { REPORT_REASONS, TEAMS } from "../schema/scenario";

/**
 * What the trainee can do. The app parses untrusted JSON with `traineeActionSchema` and stores
 * actions append-only; every action carries `at`, milliseconds since the run started.
 * Text limits (empty, over 2,000 characters) are checked by `validateAction`, which explains
 * them in words, not by the schema.
 */
export const MAX_TEXT_LENGTH = 2000;

const at = z.number().int().min(0);
const target = z.string().min(1);
const text = z.string();

export const traineeActionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("reply"), at, target, text }),
  z.strictObject({ type: z.literal("post"), at, text }),
  z.strictObject({ type: z.literal("edit"), at, target, text }),
  z.strictObject({ type: z.literal("delete"), at, target }),
  z.strictObject({ type: z.literal("hide"), at, target }),
  z.strictObject({ type: z.literal("unhide"), at, target }),
  z.strictObject({
    type: z.literal("report"),
    at,
    target,
    reason: z.enum(REPORT_REASONS),
  }),
  z.strictObject({ type: z.literal("block"), at, persona: target }),
  z.strictObject({ type: z.literal("message"), at, persona: target, text }),
  z.strictObject({ type: z.literal("escalate"), at, target, team: z.enum(TEAMS), note: text }),
  z.strictObject({ type: z.literal("like"), at, target }),
  z.strictObject({ type: z.literal("pin"), at, target }),
  z.strictObject({ type: z.literal("wait"), at }),
]);

export type TraineeAction = z.infer<typeof traineeActionSchema>;
export type TraineeActionType = TraineeAction["type"];

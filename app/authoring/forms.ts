// The authoring pages' forms, shared by each page and its action.
import { z } from "zod";

const scenarioIdPattern = /^[a-z0-9][a-z0-9-]*$/;

const newId = z
  .string({ error: "Enter an id for the scenario" })
  .trim()
  .min(1, "Enter an id for the scenario, like bins-abuse-2025")
  .max(80, "The id must be 80 characters or fewer")
  .regex(
    scenarioIdPattern,
    "The id uses lower-case letters, digits and hyphens, and starts with a letter or digit, like bins-abuse-2025",
  );

const title = z
  .string({ error: "Enter a title" })
  .trim()
  .min(1, "Enter a title, like Abuse under a bin-collection update")
  .max(120, "The title must be 120 characters or fewer");

/** "New scenario from the template" on /author/scenarios. */
export const newScenarioForm = z.object({
  intent: z.literal("new", { error: "Choose what to do: start a new scenario" }),
  id: newId,
  title,
});

/** "Duplicate" (authored) or "Fork" (built-in) on a scenario's page. */
export const copyScenarioForm = z.object({
  intent: z.literal("copy", { error: "Choose what to do: copy the scenario" }),
  id: newId,
});

const revision = z.coerce
  .number({ error: "Say which revision of the draft you are working on" })
  .int("The revision must be a whole number")
  .min(1, "The revision must be 1 or more");

/** The YAML as the form sends it: size is judged by the use case, with a precise message. */
const source = z.string({ error: "Send the scenario's text" });

/** Saving the draft: the no-JavaScript form and the editor's autosave send the same fields. */
export const saveDraftForm = z.object({
  intent: z.literal("save", { error: "Choose what to do: save the draft" }),
  source,
  revision,
  /** "Save mine anyway" after someone else saved: overwrite their text. */
  overwrite: z
    .enum(["yes", "no"], { error: "Overwrite must be yes or no" })
    .default("no")
    .transform((value) => value === "yes"),
});

/** Check, play-test, publish: each of the saved draft at the revision the trainer sees. */
export const draftActionForm = z.object({
  intent: z.enum(["check", "playtest", "publish"], {
    error: "Choose what to do: check, play-test or publish",
  }),
  revision,
});

/** "Replay this in a play-test" next to a checker failure. */
export const replayFailureForm = z.object({
  intent: z.literal("replay", { error: "Choose what to do: replay a counter-example" }),
  revision,
  failure: z.coerce
    .number({ error: "Say which failure to replay" })
    .int("Say which failure to replay")
    .min(0, "Say which failure to replay"),
});

export const statusForm = z.object({
  intent: z.enum(["archive", "restore"], { error: "Choose what to do: archive or restore" }),
});

/** The validation the editor asks for as the trainer types. */
export const validateForm = z.object({
  source,
  scenarioId: z
    .string()
    .optional()
    .transform((value) => (value && scenarioIdPattern.test(value) ? value : undefined)),
});

/** A trainer's grade of one reply on /author/reviews. */
export const gradeForm = z.object({
  runId: z
    .string({ error: "Say which run this reply is from" })
    .uuid("Say which run this reply is from"),
  actionIndex: z.coerce
    .number({ error: "Say which reply you are grading" })
    .int("Say which reply you are grading")
    .min(0, "Say which reply you are grading"),
  item: z
    .string({ error: "Say which rubric item you are grading" })
    .regex(scenarioIdPattern, "Say which rubric item you are grading"),
  grade: z.enum(["meets", "does-not-meet"], {
    error: "Choose whether the reply meets the standard or does not",
  }),
  feedback: z
    .string({ error: "Write feedback for the trainee" })
    .trim()
    .min(1, "Write feedback for the trainee: say what was good or what to change")
    .max(2000, "Feedback must be 2,000 characters or fewer"),
});

/** Which two versions to compare. */
export const diffQuery = z.object({
  from: z.coerce.number().int().min(1).optional(),
  to: z.coerce.number().int().min(1).optional(),
});

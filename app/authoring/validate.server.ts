// What the editor asks for as the trainer types: the text's errors with line and column, and,
// for a valid text, the diagram of its beats (marked from the latest check of that exact text).
import { and, eq } from "drizzle-orm";
import { scenarioChecks } from "../../db/schema";
import type { ScenarioError } from "../../simulator";
import { db } from "../db.server";
import { type Diagram, diagramOf, marksFrom } from "./diagram";
import { hashOf, knownLessonIds } from "./scenarios.server";
import { validateSource } from "./source";

export interface Validation {
  errors: ScenarioError[];
  diagram: Diagram | null;
}

export async function validateDraftText(source: string, scenarioId?: string): Promise<Validation> {
  const result = validateSource(source, {
    ...(scenarioId ? { scenarioId } : {}),
    knownLessonIds: await knownLessonIds(),
  });
  if (!result.ok) return { errors: result.errors, diagram: null };
  const [check] = scenarioId
    ? await db
        .select({ failures: scenarioChecks.failures })
        .from(scenarioChecks)
        .where(
          and(eq(scenarioChecks.scenarioId, scenarioId), eq(scenarioChecks.hash, hashOf(source))),
        )
    : [];
  return { errors: [], diagram: diagramOf(result.scenario, marksFrom(check?.failures ?? [])) };
}

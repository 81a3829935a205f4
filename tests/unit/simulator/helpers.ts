import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseScenarioYaml, type Scenario } from "../../../simulator";

export const LIBRARY = join(import.meta.dirname, "../../../courses/scenarios");
export const FIXTURES = join(import.meta.dirname, "../../fixtures/scenarios");

export function loadScenario(path: string): Scenario {
  const parsed = parseScenarioYaml(readFileSync(path, "utf8"));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scenario;
}

export const bins = () => loadScenario(join(LIBRARY, "bin-collection-abuse.yaml"));
export const gritters = () => loadScenario(join(LIBRARY, "gritters-compliment.yaml"));

/** Seconds to the engine's milliseconds, to keep test actions readable. */
export const s = (seconds: number) => seconds * 1000;

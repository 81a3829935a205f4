import {
  type ParseOptions,
  parseScenario,
  parseScenarioYaml,
  type ScenarioError,
} from "../schema/validate";
import { type CheckFailure, type CheckOptions, checkScenario, describeStep } from "./check";

/** The checker's verdict on one scenario file: schema errors, or the model checking report. */
export interface FileReport {
  file: string;
  scenario: string | null;
  ok: boolean;
  states: number;
  errors: ScenarioError[];
  failures: CheckFailure[];
}

function parseJson(text: string, options: ParseOptions) {
  try {
    return parseScenario(JSON.parse(text), options);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? Number.NaN);
    const before = Number.isNaN(offset) ? null : text.slice(0, offset).split("\n");
    return {
      ok: false as const,
      errors: [
        {
          path: "(json)",
          ...(before ? { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } : {}),
          message: `JSON syntax error: ${message}`,
        },
      ],
    };
  }
}

/** Validate and model-check a scenario file's text (YAML, or JSON for a .json file). */
export function checkSource(
  text: string,
  file: string,
  options: ParseOptions & CheckOptions = {},
): FileReport {
  const parsed = file.endsWith(".json")
    ? parseJson(text, options)
    : parseScenarioYaml(text, options);
  if (!parsed.ok) {
    return { file, scenario: null, ok: false, states: 0, errors: parsed.errors, failures: [] };
  }
  const report = checkScenario(parsed.scenario, options);
  return {
    file,
    scenario: report.scenario,
    ok: report.ok,
    states: report.states,
    errors: [],
    failures: report.failures,
  };
}

/** Human-readable lines for a report, as the command prints them. */
export function formatFileReport(report: FileReport): string[] {
  const name = report.scenario ? `${report.file} (${report.scenario})` : report.file;
  if (report.ok) return [`ok   ${name}: ${report.states} states explored`];
  const lines = [`FAIL ${name}`];
  for (const error of report.errors) {
    const where = error.line === undefined ? "" : ` (line ${error.line}, column ${error.column})`;
    lines.push(`  schema: ${error.path}${where}: ${error.message}`);
  }
  for (const failure of report.failures) {
    lines.push(`  ${failure.property}: ${failure.message}`);
    for (const step of failure.path) lines.push(`      ${describeStep(step)}`);
  }
  return lines;
}

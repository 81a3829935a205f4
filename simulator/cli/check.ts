import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSource, type FileReport, formatFileReport } from "../checker/source";

/**
 * npm run scenarios:check [--json] [files...]
 * Validates and model-checks scenario files (default: every scenario in courses/scenarios/)
 * and exits non-zero if any of them fails.
 */
const LIBRARY = "courses/scenarios";

function defaultFiles(): string[] {
  return readdirSync(LIBRARY)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => join(LIBRARY, name));
}

function main(args: string[]): number {
  const json = args.includes("--json");
  const files = args.filter((arg) => arg !== "--json");
  const reports: FileReport[] = (files.length > 0 ? files : defaultFiles()).map((file) => {
    try {
      return checkSource(readFileSync(file, "utf8"), file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        file,
        scenario: null,
        ok: false,
        states: 0,
        errors: [{ path: "(file)", message }],
        failures: [],
      };
    }
  });
  // Scenario ids must be unique across the library.
  const seen = new Map<string, string>();
  for (const report of reports) {
    if (report.scenario === null) continue;
    const other = seen.get(report.scenario);
    if (other) {
      report.ok = false;
      report.errors.push({
        path: "id",
        message: `scenario id "${report.scenario}" is also used by ${other}`,
      });
    }
    seen.set(report.scenario, report.file);
  }
  const ok = reports.every((report) => report.ok);
  if (json) {
    process.stdout.write(`${JSON.stringify({ ok, reports }, null, 2)}\n`);
  } else {
    for (const report of reports) process.stdout.write(`${formatFileReport(report).join("\n")}\n`);
    const failed = reports.filter((report) => !report.ok).length;
    process.stdout.write(`\n${reports.length - failed} passed, ${failed} failed\n`);
  }
  return ok ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));

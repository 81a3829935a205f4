/**
 * Model checking: each scenario in courses/scenarios/ on its own, and the whole library.
 * Targets: one scenario 2 s or less; the whole library 15 s or less.
 * Run: npx tsx tests/bench/check.bench.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSource } from "../../simulator";

const library = "courses/scenarios";
const files = readdirSync(library)
  .filter((name) => /\.(ya?ml|json)$/.test(name))
  .sort();
// Wall-clock and CPU time: on a busy machine the CPU time is the fairer figure.
let total = 0;
let totalCpu = 0;
let slowest = 0;
for (const name of files) {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const report = checkSource(readFileSync(join(library, name), "utf8"), name);
  const used = process.cpuUsage(startCpu);
  const ms = performance.now() - start;
  const cpu = (used.user + used.system) / 1000;
  total += ms;
  totalCpu += cpu;
  slowest = Math.max(slowest, ms);
  console.log(
    `${name}: ${ms.toFixed(0)} ms wall, ${cpu.toFixed(0)} ms CPU, ${report.states} states, ${report.ok ? "ok" : "FAILED"}`,
  );
}
console.log(
  `whole library (${files.length} scenarios): ${(total / 1000).toFixed(2)} s wall, ${(totalCpu / 1000).toFixed(2)} s CPU; slowest ${(slowest / 1000).toFixed(2)} s`,
);

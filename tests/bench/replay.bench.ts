/**
 * Replaying a long run: 500 trainee actions over the bins scenario. Prints the median and p95
 * of replay() and of validateAction() for the 501st action. Target: median 10 ms or less.
 * Run: npx tsx tests/bench/replay.bench.ts
 */
import { readFileSync } from "node:fs";
import { parseScenarioYaml, replay, type TraineeAction, validateAction } from "../../simulator";

const parsed = parseScenarioYaml(
  readFileSync("courses/scenarios/bin-collection-abuse.yaml", "utf8"),
);
if (!parsed.ok) throw new Error("example scenario does not parse");
const scenario = parsed.scenario;

// A busy trainee who keeps the run in its first beat: 500 actions in under two minutes.
const actions: TraineeAction[] = [];
for (let i = 0; i < 500; i++) {
  const at = 6000 + i * 200;
  const kind = i % 5;
  if (kind === 0)
    actions.push({ type: "reply", at, target: "tom-thanks", text: `Thanks Tom, reply ${i}.` });
  else if (kind === 1)
    actions.push({ type: "post", at, text: `Reminder ${i}: bins are a day late this week.` });
  else if (kind === 2) actions.push({ type: "like", at, target: `mine-${i - 2}` });
  else if (kind === 3)
    actions.push({ type: "edit", at, target: `mine-${i - 2}`, text: `Edited reminder ${i}.` });
  else actions.push({ type: "wait", at });
}

/** Wall-clock and CPU time per run: on a busy machine the CPU time is the fairer figure. */
function measure(name: string, runs: number, work: () => void) {
  for (let i = 0; i < 5; i++) work();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    work();
    const used = process.cpuUsage(startCpu);
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  const pick = (times: number[], q: number) => {
    const sorted = [...times].sort((a, b) => a - b);
    return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2);
  };
  console.log(
    `${name}: median ${pick(wall, 0.5)} ms, p95 ${pick(wall, 0.95)} ms wall; median ${pick(cpu, 0.5)} ms CPU (${runs} runs)`,
  );
}

const check = replay({ scenario, seed: "bench", actions, at: 110_000 });
if (check.rejected.length > 0)
  throw new Error(`bench actions rejected: ${JSON.stringify(check.rejected[0])}`);
console.log(`run: ${actions.length} actions, ${check.feed.length} posts, beat "${check.beat}"`);
measure("replay of 500 actions", 50, () =>
  replay({ scenario, seed: "bench", actions, at: 110_000 }),
);
measure("validateAction after 500 actions", 50, () =>
  validateAction(scenario, "bench", actions, { type: "wait", at: 110_000 }),
);

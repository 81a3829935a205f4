// Prepares the database before the server starts: `tsx app/setup.server.ts`.
// It runs strictly before the server process, because one PGlite folder must never be
// open in two processes at once.
import { migrateDatabase } from "../db/migrate";
import { sweepCertificates } from "./certification/sweep.server";
import { describeLoad, loadCourses } from "./content/load.server";
import { database } from "./db.server";
import { seedDemoHistory } from "./demo/history.server";
import { demoPassword, demoSignIns, seedDemoCouncil } from "./demo/seed.server";
import { env } from "./env.server";
import { describeScenarioLoad, loadScenarios } from "./practice/library.server";

const started = performance.now();
try {
  await migrateDatabase(database);
  console.log(describeLoad(await loadCourses(database.db)));
  console.log(describeScenarioLoad(await loadScenarios(database.db)));
  if (env.SEED_DEMO !== "never") {
    const outcome = await database.db.transaction((tx) =>
      seedDemoCouncil(tx, { force: env.SEED_DEMO === "force" }),
    );
    // The council's past is played through the use cases, each in its own transaction as in
    // the app, so it comes after the people are committed (decision 009).
    if (outcome === "seeded") {
      console.log(`Demo history played for ${await seedDemoHistory()} people.`);
    }
    if (outcome === "skipped-foreign-data") {
      console.log("The database holds people who are not demo accounts: demo seed skipped.");
      console.log("Set SEED_DEMO=force to add the demo council anyway.");
    } else {
      console.log("Demo County Council is ready. Sign in with any of these:");
      for (const { role, email } of demoSignIns) {
        console.log(`  ${role.padEnd(8)} ${email.padEnd(20)} password: ${demoPassword}`);
      }
    }
  }
  const { lapses, reminders } = await sweepCertificates();
  if (reminders > 0) console.log(`Certificate renewal reminders sent: ${reminders}.`);
  if (lapses > 0) console.log(`Expiries and account suspensions recorded: ${lapses}.`);
  console.log(
    `Database ready (${database.driver}) in ${Math.round(performance.now() - started)} ms.`,
  );
} finally {
  await database.close();
}

// The passage of time, for everyone at once: renewal reminders that have come due, and the
// expiries and account suspensions to record. Status never waits for this (it is worked out
// from the dates when read); the sweep is what sends the e-mails and completes the audit log
// for people who open no page. Setup runs it at start-up and the server every hour.
import { now } from "../clock.server";
import { db } from "../db.server";
import { observeLapses } from "./award.server";
import { sendDueReminders } from "./reminders.server";

export const sweepEveryMs = 60 * 60 * 1000;

export async function sweepCertificates(): Promise<{ lapses: number; reminders: number }> {
  const at = now();
  const lapses = await db.transaction((tx) => observeLapses(tx, at));
  const reminders = await sendDueReminders();
  return { lapses, reminders };
}

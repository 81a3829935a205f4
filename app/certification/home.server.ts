// The certification cards on the home page: for everyone, what is left or the certificate held,
// and any reminder; for managers and admins, the headline figures of their people.
import type { SessionUser } from "../auth/session.server";
import { now } from "../clock.server";
import { db } from "../db.server";
import { pendingRequests } from "./accounts.server";
import { statusText } from "./certificates.server";
import { loadEvidence } from "./evidence.server";
import { goalFor } from "./lifecycle";
import { baseProgramme, windowDaysOf } from "./programmes.server";
import { remindersFor, sendDueReminders } from "./reminders.server";
import { evaluate, percentDone } from "./requirements";
import { certificateStatus } from "./status";
import { teamHeadline } from "./team.server";

/** A manager's figures, and the account requests waiting for their decision. */
async function teamAtAGlance(user: SessionUser, programmeId: string) {
  const actor = { id: user.id, role: user.role, departmentId: user.departmentId };
  const [figures, waiting] = await Promise.all([
    teamHeadline(actor, programmeId),
    pendingRequests(actor),
  ]);
  return { ...figures, requestsWaiting: waiting.length };
}

export async function certificationHome(user: SessionUser) {
  await sendDueReminders({ userId: user.id });
  const programme = baseProgramme();
  const at = now();
  const evidence = await loadEvidence(db, user.id);
  const mine = evidence.certificates.filter((c) => c.programmeId === programme.id);
  const goal = goalFor(programme, mine, at);
  const latest = [...mine].sort(
    (a, b) => new Date(b.issuedAt).getTime() - new Date(a.issuedAt).getTime(),
  )[0];
  const states =
    goal.kind === "held"
      ? []
      : evaluate(goal.requirements, evidence, { since: goal.since, now: at, windowDaysOf });
  const status = latest ? certificateStatus(latest, programme.renewal.windowDays, at) : null;
  const isManager = user.role === "manager" || user.role === "admin";
  return {
    programme: { id: programme.id, title: programme.title },
    goal: goal.kind,
    left: states.filter((state) => !state.met).length,
    percent: goal.kind === "held" ? 100 : percentDone(states),
    certificate:
      latest && status
        ? {
            status,
            text: statusText(
              {
                expiresAt: new Date(latest.expiresAt),
                revokedAt: latest.revokedAt ? new Date(latest.revokedAt) : null,
              },
              status,
              at,
            ),
          }
        : null,
    reminders: await remindersFor(user.id),
    team: isManager ? await teamAtAGlance(user, programme.id) : null,
  };
}

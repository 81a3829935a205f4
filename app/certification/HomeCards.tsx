// The home page's certification cards: mine for everyone, the team's for managers and admins.
import { Link } from "@remix-run/react";
import { formatDate } from "~/learn/format";
import { StatusTag } from "./components";
import type { certificationHome } from "./home.server";

type Home = Awaited<ReturnType<typeof certificationHome>>;

export function CertificationReminders({ home }: { home: Home }) {
  return (
    <>
      {home.reminders.map((reminder) => (
        <div key={reminder.programmeId} className="alert alert--warning" role="status">
          Your “{reminder.programmeTitle}” certificate expires in {reminder.daysLeft} day
          {reminder.daysLeft === 1 ? "" : "s"}, on {formatDate(reminder.expiresAt)}.{" "}
          <Link to={`/certification/${reminder.programmeId}`}>Renew it</Link>
        </div>
      ))}
    </>
  );
}

export function CertificationCards({ home }: { home: Home }) {
  return (
    <>
      <section className="card" aria-labelledby="certification-heading">
        <h2 id="certification-heading">Your certificate</h2>
        <p>{home.programme.title}</p>
        {home.certificate ? (
          <p>
            <StatusTag status={home.certificate.status}>{home.certificate.text}</StatusTag>
          </p>
        ) : null}
        {home.goal === "held" ? null : home.goal === "renew" ? (
          <p>
            Renewal:{" "}
            {home.left === 0
              ? "nothing left to do"
              : `${home.left} requirement${home.left === 1 ? "" : "s"} left`}
            .
          </p>
        ) : (
          <p>
            {home.left === 0
              ? "Every requirement is met."
              : `${home.left} requirement${home.left === 1 ? "" : "s"} left (${home.percent}% of the way).`}
          </p>
        )}
        <div className="actions">
          <Link className="button" to="/certification">
            {home.goal === "held" ? "Your certificates" : "What is left"}
          </Link>
        </div>
      </section>
      {home.team ? (
        <section className="card" aria-labelledby="team-figures-heading">
          <h2 id="team-figures-heading">Your team's certification</h2>
          {home.team.requestsWaiting > 0 ? (
            <p>
              <Link to="/team">
                {home.team.requestsWaiting === 1
                  ? "1 account request is waiting for your decision"
                  : `${home.team.requestsWaiting} account requests are waiting for your decision`}
              </Link>
            </p>
          ) : null}
          <dl className="facts">
            <dt>Certified</dt>
            <dd>
              {home.team.certified} of {home.team.people}
            </dd>
            <dt>In progress</dt>
            <dd>{home.team.inProgress}</dd>
            <dt>Not started</dt>
            <dd>{home.team.notStarted}</dd>
            <dt>Expiring in 30 days</dt>
            <dd>{home.team.expiring30}</dd>
            <dt>Expired or revoked</dt>
            <dd>{home.team.expired + home.team.revoked}</dd>
            <dt>Live accounts</dt>
            <dd>{home.team.liveAccounts}</dd>
          </dl>
          <div className="actions">
            <Link className="button" to="/team">
              Open the team dashboard
            </Link>
          </div>
        </section>
      ) : null}
    </>
  );
}

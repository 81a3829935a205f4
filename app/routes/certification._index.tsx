import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { certificationFor } from "~/certification/certificates.server";
import { Checklist, StatusTag } from "~/certification/components";
import { formatDate } from "~/learn/format";

export const meta: MetaFunction = () => [{ title: "Certification – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification._index");
  return certificationFor(user.id);
}

export default function Certification() {
  const { programmes, certificates, reminders } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>Certification</h1>
      <p className="lede">
        A certificate shows you can handle the hard moments. It is awarded the moment you meet the
        last requirement, and it is what a live account rests on.
      </p>
      {reminders.map((reminder) => (
        <div key={reminder.programmeId} className="alert alert--warning" role="status">
          Your “{reminder.programmeTitle}” certificate expires in {reminder.daysLeft} day
          {reminder.daysLeft === 1 ? "" : "s"}, on {formatDate(reminder.expiresAt)}.{" "}
          <Link to={`/certification/${reminder.programmeId}`}>See what renewal needs</Link>
        </div>
      ))}
      {programmes.map((standing) => (
        <section
          key={standing.programme.id}
          className="card stack"
          aria-labelledby={`p-${standing.programme.id}`}
        >
          <h2 id={`p-${standing.programme.id}`}>{standing.programme.title}</h2>
          <p>{standing.programme.summary}</p>
          {standing.certificate ? (
            <p>
              <StatusTag status={standing.certificate.status}>
                {standing.certificate.statusText}
              </StatusTag>
            </p>
          ) : null}
          {standing.goal === "held" ? (
            <p>
              You hold this certificate. Renewal opens on{" "}
              {formatDate(standing.windowOpensAt as Date)}.
            </p>
          ) : (
            <>
              <p>
                {standing.goal === "renew"
                  ? `To renew: ${standing.left === 0 ? "done" : `${standing.left} of ${standing.checklist.length} left`}.`
                  : standing.left === 0
                    ? "Every requirement is met."
                    : `What is left: ${standing.left} of ${standing.checklist.length} requirements (${standing.percent}% of the way).`}
              </p>
              <Checklist
                items={standing.checklist}
                label={`${standing.goal === "renew" ? "Renewal requirements" : "Requirements"} for ${standing.programme.title}`}
              />
            </>
          )}
          <div className="actions">
            <Link
              className="button button--secondary"
              to={`/certification/${standing.programme.id}`}
            >
              {standing.certificate ? "Your certificate" : "Details"}
              <span className="visually-hidden">: {standing.programme.title}</span>
            </Link>
          </div>
        </section>
      ))}
      <section aria-labelledby="certificates-heading" className="stack">
        <h2 id="certificates-heading">Your certificates</h2>
        {certificates.length === 0 ? (
          <p>
            You have no certificates yet. Meet every requirement above and one is awarded at once.
          </p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Your certificates, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Programme</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Status</th>
                  <th scope="col">Verification code</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((certificate) => (
                  <tr key={certificate.id}>
                    <td>
                      <Link to={`/certification/${certificate.programmeId}`}>
                        {certificate.programmeTitle}
                      </Link>
                    </td>
                    <td>{formatDate(certificate.issuedAt)}</td>
                    <td>
                      <StatusTag status={certificate.status}>{certificate.statusText}</StatusTag>
                      {certificate.revokedReason ? (
                        <div>Reason: {certificate.revokedReason}</div>
                      ) : null}
                    </td>
                    <td>
                      <code>{certificate.code}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to="/accounts">Live accounts</Link>: request an account once you are certified.
        </p>
      </section>
    </div>
  );
}

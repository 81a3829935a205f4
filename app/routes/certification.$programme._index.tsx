import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { programmeFor } from "~/certification/certificates.server";
import { Checklist, StatusTag } from "~/certification/components";
import { isInForce, statusLabels } from "~/certification/status";
import { formatDate } from "~/learn/format";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.programme.title ?? "Certificate"} – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/certification.$programme._index");
  return programmeFor(user.id, requireParams(args.params, { programme: "slug" }).programme);
}

export default function CertificatePage() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { programme, certificate } = data;
  return (
    <div className="stack">
      <p className="no-print">
        <Link to="/certification">Back to certification</Link>
      </p>
      {params.get("missing") ? (
        <div className="alert alert--warning no-print" role="status">
          You do not hold this certificate yet, so there is nothing to download.
        </div>
      ) : null}
      {params.get("unsigned") && certificate ? (
        <div className="alert alert--warning no-print" role="status">
          This certificate is {statusLabels[certificate.status].toLowerCase()}, so there is no
          signed Open Badge for it: a signature would vouch for a certificate that no longer counts.
        </div>
      ) : null}
      {certificate ? (
        <article className="certificate" aria-labelledby="certificate-heading">
          <p className="certificate__issuer">Ready to Post</p>
          <h1 id="certificate-heading">{programme.title}</h1>
          <p>This certifies that</p>
          <p className="certificate__holder">{data.holder}</p>
          <p>has met every requirement of the programme.</p>
          <dl className="facts">
            <dt>Issued</dt>
            <dd>{formatDate(certificate.issuedAt)}</dd>
            <dt>Valid until</dt>
            <dd>{formatDate(certificate.expiresAt)}</dd>
            <dt>Status</dt>
            <dd>
              <StatusTag status={certificate.status}>{certificate.statusText}</StatusTag>
              {certificate.revokedReason ? ` Reason: ${certificate.revokedReason}` : null}
            </dd>
            <dt>Verification code</dt>
            <dd>
              <code>{certificate.code}</code>
            </dd>
            <dt>Check it at</dt>
            <dd>{data.verifyUrl}</dd>
          </dl>
          <div className="actions no-print">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => window.print()}
            >
              Print
            </button>
          </div>
        </article>
      ) : (
        <>
          <h1>{programme.title}</h1>
          <p className="lede">{programme.summary}</p>
          <p>You do not hold this certificate yet.</p>
        </>
      )}
      {certificate ? (
        <section className="card stack no-print" aria-labelledby="downloads-heading">
          <h2 id="downloads-heading">Download and share</h2>
          <div className="stack">
            <p>
              <a className="button" href={`/certification/${programme.id}/pdf`} download>
                Download PDF
              </a>
            </p>
            <p>To print, or to attach to an e-mail or a job application.</p>
          </div>
          {isInForce(certificate.status) ? (
            <div className="stack">
              <p>
                <a
                  className="button button--secondary"
                  href={`/certification/${programme.id}/signed-badge`}
                  download
                >
                  Download signed Open Badge (.jwt)
                </a>
              </p>
              <p>
                To add to a digital badge wallet or a professional profile, or to give anyone who
                wants proof. Ready to Post signs it, so a verifier can check that it came from us
                and has not been changed, using our{" "}
                <a href="/.well-known/jwks.json">published public key</a>.
              </p>
            </div>
          ) : (
            <p>
              A signed Open Badge is only issued while the certificate is in force; this one is{" "}
              {statusLabels[certificate.status].toLowerCase()}.
            </p>
          )}
          <div className="stack">
            <p>
              <a
                className="button button--secondary"
                href={`/certification/${programme.id}/badge`}
                download
              >
                Download Open Badge details (JSON)
              </a>
            </p>
            <p>
              The same details as a file you can read. It is not signed, so verifiers will not
              accept it as proof: give them the signed badge or your verification code.
            </p>
          </div>
        </section>
      ) : null}
      <section className="card stack no-print" aria-labelledby="needs-heading">
        <h2 id="needs-heading">
          {data.goal === "renew"
            ? "What renewal needs"
            : data.goal === "held"
              ? "What renewal will need"
              : "What it needs"}
        </h2>
        {data.goal === "held" ? (
          <>
            <p>
              Renewal opens {data.windowDays} days before expiry, on{" "}
              {formatDate(data.windowOpensAt as Date)}. Then you will need to do these again;
              renewing adds {data.validityMonths} months from the old expiry date, so there is no
              gap:
            </p>
            <Checklist items={data.renewalChecklist ?? []} label="Renewal requirements" />
          </>
        ) : (
          <>
            {data.goal === "renew" ? (
              <p>
                Your renewal window is open. Do these before{" "}
                {formatDate(certificate?.expiresAt as Date)}; renewing adds {data.validityMonths}{" "}
                months from that date.
              </p>
            ) : (
              <p>
                {data.percent}% of the way. The certificate lasts {data.validityMonths} months.
              </p>
            )}
            <Checklist
              items={data.checklist}
              label={data.goal === "renew" ? "Renewal requirements" : "Requirements"}
            />
          </>
        )}
      </section>
      {certificate ? (
        <section className="stack no-print" aria-labelledby="evidence-heading">
          <h2 id="evidence-heading">What it rests on</h2>
          <ul>
            {data.evidence.map((item) => (
              <li key={item.requirementId}>
                {item.requirementId}: {item.type} on {formatDate(item.at)}
                {item.attemptId ? `, quiz attempt ${item.attemptId.slice(0, 8)}` : ""}
                {item.runId
                  ? `, run ${item.runId.slice(0, 8)} (scenario version ${item.scenarioHash?.slice(0, 12)})`
                  : ""}
                {item.courseContentHash
                  ? `, course version ${item.courseContentHash.slice(0, 12)}`
                  : ""}
              </li>
            ))}
          </ul>
          <p>Programme file version: {data.programmeHash?.slice(0, 12)}</p>
          {data.renewals.length > 0 ? (
            <>
              <h3>Renewals</h3>
              <ul>
                {data.renewals.map((renewal) => (
                  <li key={String(renewal.renewedAt)}>
                    Renewed on {formatDate(renewal.renewedAt)}: from{" "}
                    {formatDate(renewal.previousExpiresAt)} to {formatDate(renewal.expiresAt)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

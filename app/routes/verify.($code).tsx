import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { verify } from "~/certification/certificates.server";
import { normaliseCode } from "~/certification/code.server";
import { StatusTag } from "~/certification/components";
import { formatDate } from "~/learn/format";

// Public: anyone holding a certificate's code can check it. It shows the holder's name, the
// programme, the dates and the status, and nothing else about them.

export const meta: MetaFunction = () => [
  { title: "Check a certificate – Ready to Post" },
  { name: "robots", content: "noindex" },
];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/verify.($code)");
  const typed = args.params.code ?? new URL(args.request.url).searchParams.get("code");
  if (!typed) return { certificate: null };
  const code = normaliseCode(typed);
  if (code && code !== args.params.code) throw redirect(`/verify/${code}`);
  const certificate = code ? await verify(code) : null;
  if (!certificate) {
    throw new Response("No certificate has this verification code.", {
      status: 404,
      statusText: "Not Found",
    });
  }
  return { certificate, code };
}

function LookUp() {
  return (
    <Form method="get" action="/verify" className="stack" aria-labelledby="lookup-heading">
      <h2 id="lookup-heading">Check another code</h2>
      <div className="field">
        <label htmlFor="code">Verification code</label>
        <span className="hint" id="code-hint">
          20 letters and digits, as printed on the certificate, for example ABCD-EFGH-JKMN-PQRS-TVWX
        </span>
        <input
          id="code"
          name="code"
          aria-describedby="code-hint"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </div>
      <button type="submit" className="button">
        Check
      </button>
    </Form>
  );
}

export default function Verify() {
  const { certificate, code } = useLoaderData<typeof loader>() as {
    certificate: Awaited<ReturnType<typeof verify>>;
    code?: string;
  };
  if (!certificate) {
    return (
      <div className="stack narrow">
        <h1>Check a certificate</h1>
        <p className="lede">
          Enter the code printed on a Ready to Post certificate to see whether it is valid.
        </p>
        <LookUp />
      </div>
    );
  }
  return (
    <div className="stack narrow">
      <h1>Certificate {code}</h1>
      <dl className="facts">
        <dt>Holder</dt>
        <dd>{certificate.holder}</dd>
        <dt>Programme</dt>
        <dd>{certificate.programme}</dd>
        <dt>Issued</dt>
        <dd>{formatDate(certificate.issuedAt)}</dd>
        <dt>Valid until</dt>
        <dd>{formatDate(certificate.expiresAt)}</dd>
        <dt>Status</dt>
        <dd>
          <StatusTag status={certificate.status}>{certificate.statusText}</StatusTag>
        </dd>
      </dl>
      <LookUp />
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="stack narrow">
        <p className="error-page__status">Error 404</p>
        <h1>No certificate has this code</h1>
        <p>
          We could not find a certificate with that verification code. Check the code on the
          certificate and try again: it is 20 letters and digits.
        </p>
        <LookUp />
        <p>
          <Link to="/">Go to the home page</Link>
        </p>
      </div>
    );
  }
  throw error;
}

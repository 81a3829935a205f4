import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { accountsPage, requestAccount } from "~/certification/accounts.server";
import { StatusTag } from "~/certification/components";
import { requestAccountForm } from "~/certification/forms";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { type FieldErrors, parseForm } from "~/forms";
import { formatDate } from "~/learn/format";

export const meta: MetaFunction = () => [{ title: "Live accounts – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/accounts._index");
  return accountsPage(user);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireAccess(args, "routes/accounts._index");
  const form = parseForm(requestAccountForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors, saved: false }, { status: 400 });
  const result = await requestAccount(user, form.data);
  if (!result.ok)
    return data({ errors: result.errors as FieldErrors, saved: false }, { status: result.status });
  return { errors: {} as FieldErrors, saved: true };
}

const stateText = {
  pending: "Waiting for your manager",
  active: "Active",
  suspended: "Suspended",
  rejected: "Rejected",
};

export default function Accounts() {
  const { accounts, platforms, rule, suggestedHandle } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const described = (field: string) =>
    errors[field]
      ? { "aria-invalid": true as const, "aria-describedby": `${field}-error ${field}-hint` }
      : { "aria-describedby": `${field}-hint` };
  const eligible = platforms.some((platform) => platform.eligible);
  return (
    <div className="stack">
      <h1>Live accounts</h1>
      <p className="lede">
        A live account lets you post for the council in your own name. Your manager approves it, and
        it stays active while your certificate is valid.
      </p>
      {result?.saved ? (
        <div className="alert alert--success" role="status">
          Request sent. Your manager will approve or reject it.
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={{ platformId: "Platform", handle: "Handle" }} />
      <section aria-labelledby="mine-heading" className="stack">
        <h2 id="mine-heading">Your accounts and requests</h2>
        {accounts.length === 0 ? (
          <p>You have no live accounts or requests yet.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">
                Your accounts and requests, newest first
              </caption>
              <thead>
                <tr>
                  <th scope="col">Platform</th>
                  <th scope="col">Handle</th>
                  <th scope="col">Requested</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {accounts.map((account) => (
                  <tr key={account.id}>
                    <td>{account.platform}</td>
                    <td>{account.handle}</td>
                    <td>{formatDate(account.requestedAt)}</td>
                    <td>
                      <StatusTag status={account.state}>{stateText[account.state]}</StatusTag>
                      {account.why ? <div>{account.why}</div> : null}
                      {account.decisionReason && account.state !== "suspended" ? (
                        <div>Manager's reason: {account.decisionReason}</div>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="request-heading" className="card stack">
        <h2 id="request-heading">Request an account</h2>
        {!eligible ? (
          <p>
            You need a valid certificate before you can request an account.{" "}
            <Link to="/certification">See what is left to do</Link>.
          </p>
        ) : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="request" />
          <div className="field">
            <label htmlFor="platformId">Platform</label>
            <span className="hint" id="platformId-hint">
              Each platform needs a certificate, shown in brackets.
            </span>
            <FieldError id="platformId" message={errors.platformId} />
            <select id="platformId" name="platformId" defaultValue="" {...described("platformId")}>
              <option value="" disabled>
                Choose a platform
              </option>
              {platforms.map((platform) => (
                <option key={platform.id} value={platform.id}>
                  {platform.name} ({platform.programme})
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="handle">Handle</label>
            <span className="hint" id="handle-hint">
              Handles follow the rule “{rule}”. Yours is {suggestedHandle}.
            </span>
            <FieldError id="handle" message={errors.handle} />
            <input
              id="handle"
              name="handle"
              defaultValue={suggestedHandle}
              autoComplete="off"
              spellCheck={false}
              {...described("handle")}
            />
          </div>
          <div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? "Sending…" : "Request the account"}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import {
  addPlatform,
  handleRule,
  listPlatforms,
  programmes,
  setHandleRule,
} from "~/certification/accounts.server";
import { accountSettingsForm } from "~/certification/forms";
import { expectedHandle } from "~/certification/handle";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { type FieldErrors, parseForm } from "~/forms";

export const meta: MetaFunction = () => [{ title: "Account settings – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/accounts.settings");
  const [rule, platforms] = await Promise.all([handleRule(), listPlatforms()]);
  const titles = new Map(programmes().map((p) => [p.id, p.title]));
  return {
    rule,
    example: expectedHandle(rule, "Jane Smith"),
    platforms: platforms.map((p) => ({
      ...p,
      programme: titles.get(p.programmeId) ?? p.programmeId,
    })),
    programmes: programmes().map((p) => ({ id: p.id, title: p.title })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const admin = requireAccess(args, "routes/accounts.settings");
  const form = parseForm(accountSettingsForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
  const result =
    form.data.intent === "rule"
      ? await setHandleRule(admin.id, form.data.rule)
      : await addPlatform(admin.id, form.data);
  if (!result.ok)
    return data({ errors: result.errors as FieldErrors, saved: null }, { status: result.status });
  return {
    errors: {} as FieldErrors,
    saved: form.data.intent === "rule" ? "Naming rule saved." : "Platform added.",
  };
}

export default function AccountSettings() {
  const { rule, example, platforms, programmes } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const invalid = (field: string) =>
    errors[field] ? { "aria-invalid": true as const, "aria-describedby": `${field}-error` } : {};
  return (
    <div className="stack">
      <p>
        <Link to="/accounts">Back to live accounts</Link>
      </p>
      <h1>Live-account settings</h1>
      {result?.saved ? (
        <div className="alert alert--success" role="status">
          {result.saved}
        </div>
      ) : null}
      <ErrorSummary
        errors={errors}
        labels={{ rule: "Naming rule", name: "Platform name", programmeId: "Programme" }}
      />
      <section className="card stack" aria-labelledby="rule-heading">
        <h2 id="rule-heading">Handle naming rule</h2>
        <p>
          Today's rule makes Jane Smith's handle <strong>{example}</strong>. Use {"{name}"} for the
          full name, {"{first}"} or {"{last}"} for one part, and letters, digits or _ for the rest.
        </p>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="rule" />
          <div className="field">
            <label htmlFor="rule">Naming rule</label>
            <FieldError id="rule" message={errors.rule} />
            <input
              id="rule"
              name="rule"
              defaultValue={rule}
              spellCheck={false}
              {...invalid("rule")}
            />
          </div>
          <div>
            <button type="submit" className="button" disabled={busy}>
              Save the rule
            </button>
          </div>
        </Form>
      </section>
      <section className="card stack" aria-labelledby="platforms-heading">
        <h2 id="platforms-heading">Platforms</h2>
        <ul>
          {platforms.map((platform) => (
            <li key={platform.id}>
              {platform.name}: needs “{platform.programme}”{platform.builtIn ? " (built in)" : ""}
            </li>
          ))}
        </ul>
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="platform" />
          <div className="field">
            <label htmlFor="name">Platform name</label>
            <FieldError id="name" message={errors.name} />
            <input id="name" name="name" {...invalid("name")} />
          </div>
          <div className="field">
            <label htmlFor="programmeId">Certificate it needs</label>
            <FieldError id="programmeId" message={errors.programmeId} />
            <select id="programmeId" name="programmeId" {...invalid("programmeId")}>
              {programmes.map((programme) => (
                <option key={programme.id} value={programme.id}>
                  {programme.title}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" className="button" disabled={busy}>
              Add the platform
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}

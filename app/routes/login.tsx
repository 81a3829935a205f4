import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { requireAccess } from "~/auth/guard.server";
import { safeRedirect } from "~/auth/safe-redirect";
import { signIn } from "~/auth/sign-in.server";
import { signInForm } from "~/auth/sign-in-form";
import { type FieldErrors, parseForm } from "~/forms";

export const meta: MetaFunction = () => [{ title: "Sign in – Ready to Post" }];

export function loader(args: LoaderFunctionArgs) {
  const user = requireAccess(args, "routes/login");
  const redirectTo = new URL(args.request.url).searchParams.get("redirectTo");
  if (user) throw redirect(safeRedirect(redirectTo));
  return null;
}

export async function action(args: ActionFunctionArgs) {
  requireAccess(args, "routes/login");
  const form = parseForm(signInForm, await args.request.formData());
  if (!form.ok)
    return data({ errors: form.errors, message: null as string | null }, { status: 400 });

  const result = await signIn({
    email: form.data.email,
    password: form.data.password,
    clientAddress: args.context.clientAddress,
  });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return data(
      {
        errors: {} as FieldErrors,
        message: `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    return data(
      {
        errors: {} as FieldErrors,
        message: "The email address or password is not right. Check them and try again.",
      },
      { status: 401 },
    );
  }
  throw redirect(safeRedirect(form.data.redirectTo), { headers: { "Set-Cookie": result.cookie } });
}

export default function SignIn() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const alertRef = useRef<HTMLDivElement>(null);
  const errors: FieldErrors = result?.errors ?? {};

  useEffect(() => {
    if (result) alertRef.current?.focus();
  }, [result]);

  return (
    <div className="narrow">
      <h1>Sign in</h1>
      <p className="lede">Use the email address your organisation gave you.</p>
      {result?.message || Object.keys(errors).length > 0 ? (
        <div className="alert alert--error" role="alert" tabIndex={-1} ref={alertRef}>
          <h2>There is a problem</h2>
          <ul>
            {result?.message ? <li>{result.message}</li> : null}
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" noValidate className="card">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
        <div className="field">
          <label htmlFor="email">Email</label>
          {errors.email ? (
            <span id="email-error" className="field-error">
              {errors.email}
            </span>
          ) : null}
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            required
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          {errors.password ? (
            <span id="password-error" className="field-error">
              {errors.password}
            </span>
          ) : null}
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </div>
  );
}

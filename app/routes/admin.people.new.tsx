import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { PersonFields } from "~/components/PersonFields";
import { type FieldErrors, parseForm } from "~/forms";
import { createPerson, listDepartments, listManagers } from "~/people/people.server";
import { newPersonForm } from "~/people/person-form";

export const meta: MetaFunction = () => [{ title: "Add a person – Ready to Post" }];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/admin.people.new");
  const [departments, managers] = await Promise.all([listDepartments(), listManagers()]);
  return { departments, managers };
}

export async function action(args: ActionFunctionArgs) {
  const admin = requireAccess(args, "routes/admin.people.new");
  const form = parseForm(newPersonForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors }, { status: 400 });
  const result = await createPerson(admin.id, form.data);
  if (!result.ok) return data({ errors: result.errors as FieldErrors }, { status: 422 });
  throw redirect(`/admin/people/${result.id}?saved=created`);
}

export default function NewPerson() {
  const { departments, managers } = useLoaderData<typeof loader>();
  const errors: FieldErrors = useActionData<typeof action>()?.errors ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow stack">
      <p>
        <Link to="/admin/people">Back to people</Link>
      </p>
      <h1>Add a person</h1>
      <ErrorSummary errors={errors} />
      <Form method="post" className="card" noValidate>
        <div className="field">
          <label htmlFor="name">Full name</label>
          <FieldError id="name" message={errors.name} />
          <input
            id="name"
            name="name"
            type="text"
            autoComplete="off"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "name-error" : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="email">Email</label>
          <FieldError id="email" message={errors.email} />
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
        </div>
        <PersonFields departments={departments} managers={managers} errors={errors} />
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Adding…" : "Add person"}
        </button>
      </Form>
    </div>
  );
}

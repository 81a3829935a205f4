import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { auditTrail } from "~/audit.server";
import { requireAccess } from "~/auth/guard.server";
import { AuditTable } from "~/components/AuditTable";
import { ErrorSummary } from "~/components/ErrorSummary";
import { PersonFields } from "~/components/PersonFields";
import { type FieldErrors, parseForm } from "~/forms";
import {
  changePerson,
  getPerson,
  listDepartments,
  listManagers,
  setActive,
} from "~/people/people.server";
import { updatePersonForm } from "~/people/person-form";
import { requireParams } from "~/route-params.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.person.name ?? "Person"} – Ready to Post` },
];

export async function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/admin.people.$personId");
  const person = await getPerson(requireParams(args.params, { personId: "uuid" }).personId);
  const [departments, managers, history] = await Promise.all([
    listDepartments(),
    listManagers(),
    auditTrail({ type: "user", id: person.id }),
  ]);
  return { person, departments, managers: managers.filter((m) => m.id !== person.id), history };
}

export async function action(args: ActionFunctionArgs) {
  const admin = requireAccess(args, "routes/admin.people.$personId");
  const { personId } = requireParams(args.params, { personId: "uuid" });
  const form = parseForm(updatePersonForm, await args.request.formData());
  if (!form.ok) return data({ errors: form.errors, saved: null }, { status: 400 });
  const result =
    form.data.intent === "update"
      ? await changePerson(admin.id, personId, form.data)
      : await setActive(admin.id, personId, form.data.intent === "reactivate");
  if (!result.ok)
    return data({ errors: result.errors as FieldErrors, saved: null }, { status: 422 });
  const saved = {
    update: "Changes saved.",
    deactivate: "Deactivated: their sessions have ended.",
    reactivate: "Reactivated.",
  }[form.data.intent];
  return { errors: {} as FieldErrors, saved };
}

export default function Person() {
  const { person, departments, managers, history } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const saved = result?.saved ?? (params.get("saved") === "created" ? "Person added." : null);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">Back to people</Link>
      </p>
      <h1>{person.name}</h1>
      <p className="lede">
        {person.email} ·{" "}
        <span className={`status ${person.active ? "status--good" : "status--muted"}`}>
          {person.active ? "Active" : "Deactivated"}
        </span>
      </p>
      {saved ? (
        <div className="alert alert--success" role="status">
          {saved}
        </div>
      ) : null}
      <ErrorSummary errors={result?.errors ?? {}} />
      <div className="grid">
        <section className="card" aria-labelledby="change-heading">
          <h2 id="change-heading">Role and team</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="update" />
            <PersonFields
              departments={departments}
              managers={managers}
              errors={result?.errors ?? {}}
              values={person}
            />
            <button type="submit" className="button" disabled={busy}>
              Save changes
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="access-heading">
          <h2 id="access-heading">Access</h2>
          {person.active ? (
            <>
              <p>
                Deactivating signs {person.name} out everywhere and stops them signing in. Their
                records stay.
              </p>
              <Form method="post">
                <input type="hidden" name="intent" value="deactivate" />
                <button type="submit" className="button button--danger" disabled={busy}>
                  Deactivate
                </button>
              </Form>
            </>
          ) : (
            <>
              <p>{person.name} cannot sign in.</p>
              <Form method="post">
                <input type="hidden" name="intent" value="reactivate" />
                <button type="submit" className="button" disabled={busy}>
                  Reactivate
                </button>
              </Form>
            </>
          )}
        </section>
      </div>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {history.length === 0 ? (
          <p>No changes recorded yet.</p>
        ) : (
          <AuditTable entries={history} caption="Changes to this person, newest first" />
        )}
      </section>
    </div>
  );
}

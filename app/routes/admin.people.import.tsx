import {
  type ActionFunctionArgs,
  data,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireAccess } from "~/auth/guard.server";
import { ErrorSummary, FieldError } from "~/components/ErrorSummary";
import { parseForm } from "~/forms";
import { previewImport, runImport } from "~/people/import.server";
import { importColumns, importForm, importLimits } from "~/people/import-form";

export const meta: MetaFunction = () => [{ title: "Import people – Ready to Post" }];

export function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/admin.people.import");
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const admin = requireAccess(args, "routes/admin.people.import");
  const length = Number(args.request.headers.get("content-length") ?? 0);
  if (length > importLimits.bytes * 2 + 10_000) {
    return data(
      { step: "upload" as const, errors: { file: "The file is larger than 1 MB" } },
      { status: 413 },
    );
  }
  const form = parseForm(importForm, await args.request.formData());
  if (!form.ok) return data({ step: "upload" as const, errors: form.errors }, { status: 400 });

  if (form.data.intent === "preview") {
    const csv = await form.data.file.text();
    const check = await previewImport(csv);
    return data(
      { step: "preview" as const, csv, fileName: form.data.file.name, ...check },
      { status: check.problems.length > 0 ? 422 : 200 },
    );
  }
  const outcome = await runImport(admin.id, form.data.csv);
  if (!outcome.ok) {
    return data(
      {
        step: "preview" as const,
        csv: form.data.csv,
        fileName: "",
        rows: [],
        problems: outcome.problems,
      },
      { status: 422 },
    );
  }
  const message = `Imported: ${outcome.created} added, ${outcome.updated} updated.`;
  throw redirect(`/admin/people?status=all&imported=${encodeURIComponent(message)}`);
}

export default function ImportPeople() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const intent = navigation.formData?.get("intent");
  const preview = result?.step === "preview" ? result : null;

  return (
    <div className="stack">
      <p>
        <Link to="/admin/people">Back to people</Link>
      </p>
      <h1>Import people from a CSV file</h1>
      <p className="lede">
        Add new staff and update existing ones in one go. You see every problem before anything is
        saved, and the import either saves every row or none.
      </p>
      {result?.step === "upload" ? <ErrorSummary errors={result.errors} /> : null}
      {preview && preview.problems.length > 0 ? (
        <div className="alert alert--error" role="alert">
          <h2>
            {preview.problems.length} {preview.problems.length === 1 ? "problem" : "problems"} in
            the file. Nothing has been imported.
          </h2>
          <p>Fix the file and upload it again.</p>
          <div className="table-wrap">
            <table>
              <caption>Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {preview.problems.map((problem) => (
                  <tr key={`${problem.line}-${problem.message}`}>
                    <td>Line {problem.line}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      {preview && preview.problems.length === 0 ? (
        <section className="card" aria-labelledby="preview-heading">
          <h2 id="preview-heading">Check before you import</h2>
          <p>
            {preview.rows.filter((r) => r.change === "create").length} to add,{" "}
            {preview.rows.filter((r) => r.change === "update").length} to update.
          </p>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">People in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Department</th>
                  <th scope="col">Role</th>
                  <th scope="col">Manager</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.email}>
                    <td>{row.line}</td>
                    <td>{row.name}</td>
                    <td>{row.email}</td>
                    <td>{row.departmentName}</td>
                    <td>{row.role}</td>
                    <td>{row.managerEmail ?? "None"}</td>
                    <td>{row.change === "create" ? "Add" : "Update"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" className="actions">
            <input type="hidden" name="intent" value="import" />
            <input type="hidden" name="csv" value={preview.csv} />
            <button type="submit" className="button" disabled={busy}>
              {busy && intent === "import" ? "Importing…" : `Import ${preview.rows.length} people`}
            </button>
          </Form>
        </section>
      ) : null}
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{preview ? "Upload another file" : "Upload a file"}</h2>
        <p>
          The first line must name these columns: <code>{importColumns.join(",")}</code>. Role is
          one of staff, trainer, manager or admin (blank means staff). The manager's email may be
          someone already here or someone in the same file. Up to {importLimits.rows} people and 1
          MB per file.
        </p>
        <Form method="post" encType="multipart/form-data" noValidate>
          <input type="hidden" name="intent" value="preview" />
          <div className="field">
            <label htmlFor="file">CSV file</label>
            <FieldError
              id="file"
              message={result?.step === "upload" ? result.errors.file : undefined}
            />
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy && intent === "preview" ? "Checking…" : "Check file"}
          </button>
        </Form>
      </section>
    </div>
  );
}

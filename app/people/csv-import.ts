import { parse } from "csv-parse/sync";
import { z } from "zod";
import { type Role, roles } from "../../db/roles";
import { importColumns, importLimits } from "./import-form";

// Pure: checks a staff CSV against a snapshot of the organisation. The server takes
// the snapshot inside the import's transaction, so the check and the write agree.

export { importColumns, importLimits };

export interface Directory {
  /** Department id by lower-cased name. */
  departments: ReadonlyMap<string, { id: string; name: string }>;
  /** Existing people by lower-cased email. */
  people: ReadonlyMap<string, { id: string; name: string }>;
}

export interface ImportRow {
  line: number;
  email: string;
  name: string;
  departmentId: string;
  departmentName: string;
  role: Role;
  managerEmail: string | null;
  /** Whether this row adds a person or updates the one with the same email. */
  change: "create" | "update";
}

export interface ImportProblem {
  line: number;
  message: string;
}

export interface ImportCheck {
  rows: ImportRow[];
  problems: ImportProblem[];
}

const emailFormat = z.string().email();

export function checkImport(csv: string, directory: Directory): ImportCheck {
  if (csv.length > importLimits.bytes) {
    return fileProblem(
      `The file is larger than ${importLimits.bytes / 1_000_000} MB. Split it into smaller files.`,
    );
  }
  if (csv.trim() === "" || csv.replace(/^\uFEFF/, "").trim() === "") {
    return fileProblem("The file is empty. It needs a header line and at least one person.");
  }

  let records: {
    record: Record<string, string>;
    info: { lines: number; invalid_field_length: number };
  }[];
  let header: string[] = [];
  try {
    records = parse(csv, {
      bom: true,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim().toLowerCase());
        return header;
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const reason =
      error instanceof Error ? error.message.replace(/ at line \d+$/, "") : "unreadable";
    return fileProblem(`This line could not be read as CSV: ${reason}`, line);
  }

  const missing = importColumns.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !(importColumns as readonly string[]).includes(column));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length > 0
        ? `missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`
        : "",
      unknown.length > 0
        ? `unknown column${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`
        : "",
    ].filter(Boolean);
    return fileProblem(
      `The header line is wrong (${parts.join("; ")}). It must be: ${importColumns.join(",")}`,
    );
  }
  if (records.length === 0) return fileProblem("The file has a header line but no people.", 2);
  if (records.length > importLimits.rows) {
    return fileProblem(
      `The file has ${records.length} people; the most in one import is ${importLimits.rows}.`,
    );
  }

  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const firstLineOf = new Map<string, number>();

  for (const { record, info } of records) {
    const line = info.lines;
    const say = (message: string) => problems.push({ line, message });
    if (info.invalid_field_length > 0 || Object.keys(record).length !== importColumns.length) {
      say(
        `Expected ${importColumns.length} values separated by commas; check for a stray comma or quote`,
      );
      continue;
    }
    const email = (record.email ?? "").toLowerCase();
    const name = record.name ?? "";
    const departmentName = record.department ?? "";
    const roleText = (record.role ?? "").toLowerCase() || "staff";
    const managerEmail = (record.manager_email ?? "").toLowerCase() || null;
    const before = problems.length;

    if (!email) say("Email is missing");
    else if (!emailFormat.safeParse(email).success)
      say(`"${record.email}" is not a valid email address`);
    else if (firstLineOf.has(email))
      say(`${email} is a duplicate of line ${firstLineOf.get(email)}`);
    else firstLineOf.set(email, line);

    if (!name) say("Name is missing");
    else if (name.length > 120) say("Name is longer than 120 characters");

    const department = directory.departments.get(departmentName.toLowerCase());
    if (!departmentName) say("Department is missing");
    else if (!department) say(`Unknown department "${departmentName}"`);

    if (!(roles as readonly string[]).includes(roleText)) {
      say(`Unknown role "${record.role}"; use staff, trainer, manager or admin`);
    }

    if (managerEmail && managerEmail === email) say("A person cannot be their own manager");

    if (problems.length === before && department) {
      rows.push({
        line,
        email,
        name,
        departmentId: department.id,
        departmentName: department.name,
        role: roleText as Role,
        managerEmail,
        change: directory.people.has(email) ? "update" : "create",
      });
    }
  }

  // Managers may be anywhere in the file, so they are checked once every email is known.
  for (const row of rows) {
    if (
      row.managerEmail &&
      !directory.people.has(row.managerEmail) &&
      !firstLineOf.has(row.managerEmail)
    ) {
      problems.push({
        line: row.line,
        message: `Unknown manager "${row.managerEmail}": not in the file and not an existing person`,
      });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return {
    rows: problems.length > 0 ? rows.filter((r) => !problems.some((p) => p.line === r.line)) : rows,
    problems,
  };
}

function fileProblem(message: string, line = 1): ImportCheck {
  return { rows: [], problems: [{ line, message }] };
}

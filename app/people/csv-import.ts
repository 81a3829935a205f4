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
  people: ReadonlyMap<string, { id: string; name: string; active: boolean }>;
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
  if (Buffer.byteLength(csv, "utf8") > importLimits.bytes) {
    return fileProblem(
      `The file is larger than ${importLimits.bytes / 1_000_000} MB. Split it into smaller files.`,
    );
  }
  if (csv.replace(/^\uFEFF/, "").trim() === "") {
    return fileProblem("The file is empty. It needs a header line and at least one person.");
  }

  let records: {
    record: Record<string, string>;
    info: { lines: number; invalid_field_length: number };
  }[];
  let header: string[] = [];
  let lastRecordLine = 1;
  try {
    records = parse(csv, {
      bom: true,
      columns: (names: string[]) => {
        header = names.map((name) => name.trim().toLowerCase());
        return header.map((name, i) => (header.indexOf(name) === i ? name : `${name}#${i}`));
      },
      skip_empty_lines: true,
      trim: true,
      info: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      on_record: (record, context) => {
        lastRecordLine = context.lines;
        return record;
      },
    });
  } catch (error) {
    const { code, lines } = error as { code?: string; lines?: number };
    // csv-parse reports an unclosed quote where it gave up (the end of the file);
    // the quote opened on the line after the last good record.
    const line = code === "CSV_QUOTE_NOT_CLOSED" ? lastRecordLine + 1 : (lines ?? 1);
    const reason =
      error instanceof Error ? error.message.replace(/ at line \d+$/, "") : "unreadable";
    return fileProblem(`This line could not be read as CSV: ${reason}`, line);
  }

  const known = importColumns as readonly string[];
  const missing = importColumns.filter((column) => !header.includes(column));
  const unknown = header.filter((column) => !known.includes(column));
  const repeated = header.filter((column, i) => header.indexOf(column) !== i);
  if (missing.length > 0 || unknown.length > 0 || repeated.length > 0) {
    const parts = [
      listed("missing column", missing),
      listed("unknown column", unknown),
      listed("column named more than once", repeated),
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
  const managerClaims: { line: number; email: string; managerEmail: string }[] = [];

  for (const { record, info } of records) {
    const line = info.lines;
    const say = (message: string) => problems.push({ line, message });
    if (info.invalid_field_length > 0) {
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
    else if (!emailFormat.safeParse(email).success) {
      say(`"${record.email}" is not a valid email address`);
    } else if (firstLineOf.has(email)) {
      say(`${email} is a duplicate of line ${firstLineOf.get(email)}`);
    } else firstLineOf.set(email, line);

    if (!name) say("Name is missing");
    else if (name.length > 120) say("Name is longer than 120 characters");

    const department = directory.departments.get(departmentName.toLowerCase());
    if (!departmentName) say("Department is missing");
    else if (!department) say(`Unknown department "${departmentName}"`);

    if (!(roles as readonly string[]).includes(roleText)) {
      say(`Unknown role "${record.role}"; use staff, trainer, manager or admin`);
    }

    if (managerEmail) managerClaims.push({ line, email, managerEmail });

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
  for (const { line, email, managerEmail } of managerClaims) {
    const existing = directory.people.get(managerEmail);
    if (managerEmail === email) {
      problems.push({ line, message: "A person cannot be their own manager" });
    } else if (!firstLineOf.has(managerEmail) && !existing) {
      problems.push({
        line,
        message: `Unknown manager "${managerEmail}": not in the file and not an existing person`,
      });
    } else if (!firstLineOf.has(managerEmail) && existing && !existing.active) {
      problems.push({ line, message: `The manager "${managerEmail}" is deactivated` });
    }
  }
  problems.sort((a, b) => a.line - b.line);
  const badLines = new Set(problems.map((problem) => problem.line));
  return { rows: rows.filter((row) => !badLines.has(row.line)), problems };
}

function listed(label: string, columns: readonly string[]): string {
  if (columns.length === 0) return "";
  return `${label}${columns.length > 1 ? "s" : ""}: ${[...new Set(columns)].join(", ")}`;
}

function fileProblem(message: string, line = 1): ImportCheck {
  return { rows: [], problems: [{ line, message }] };
}

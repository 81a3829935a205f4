import { Link } from "@remix-run/react";
import { formatDateTime } from "~/learn/format";

export interface AuditRow {
  id: number;
  at: Date | string;
  action: string;
  actor: string;
  why: string | null;
  /** The person an entry is about, on pages that list more than one person. */
  about?: { name: string; personId: string } | null;
}

/** Audit entries, newest first: when, what, (about whom), who and why. */
export function AuditTable({ entries, caption }: { entries: AuditRow[]; caption: string }) {
  const showAbout = entries.some((entry) => entry.about !== undefined);
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            {showAbout ? <th scope="col">About</th> : null}
            <th scope="col">Who</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{entry.action}</td>
              {showAbout ? (
                <td>
                  {entry.about ? (
                    <Link to={`/team/${entry.about.personId}`}>{entry.about.name}</Link>
                  ) : (
                    "–"
                  )}
                </td>
              ) : null}
              <td>{entry.actor}</td>
              <td>{entry.why ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

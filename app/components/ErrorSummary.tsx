import { useEffect, useRef } from "react";
import type { FieldErrors } from "~/forms";

/** The GOV.UK pattern: a focused summary at the top, each error linking to its field. */
export function ErrorSummary({
  errors,
  labels,
}: {
  errors: FieldErrors;
  labels?: Record<string, string>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => !!entry[1]);
  useEffect(() => {
    if (entries.length > 0) ref.current?.focus();
  });
  if (entries.length === 0) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1} ref={ref}>
      <h2>There is a problem</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            {field === "form" ? (
              message
            ) : (
              <a href={`#${field}`}>
                {labels?.[field] ? `${labels[field]}: ` : ""}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <span id={`${id}-error`} className="field-error">
      <span className="visually-hidden">Error:</span> {message}
    </span>
  );
}

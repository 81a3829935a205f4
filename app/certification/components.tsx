// Pieces the certification and team pages share.
import { Link } from "@remix-run/react";

const tone: Record<string, string> = {
  valid: "status--good",
  certified: "status--good",
  active: "status--good",
  expiring: "status--warn",
  pending: "status--warn",
  "in-progress": "status--muted",
  "not-started": "status--muted",
  expired: "status--bad",
  revoked: "status--bad",
  suspended: "status--bad",
  rejected: "status--bad",
};

export function StatusTag({ status, children }: { status: string; children: React.ReactNode }) {
  return <span className={`status ${tone[status] ?? "status--muted"}`}>{children}</span>;
}

export interface ChecklistEntry {
  id: string;
  label: string;
  detail: string | null;
  met: boolean;
  to: string | null;
}

/** Requirements with a visible, text-based state each: never colour alone. */
export function Checklist({ items, label }: { items: ChecklistEntry[]; label: string }) {
  return (
    <ul className="checklist" aria-label={label}>
      {items.map((item) => (
        <li
          key={item.id}
          className={item.met ? "checklist__item checklist__item--met" : "checklist__item"}
        >
          <span className="checklist__mark" aria-hidden="true">
            {item.met ? "✓" : "○"}
          </span>
          <span>
            <span className="visually-hidden">{item.met ? "Done: " : "To do: "}</span>
            {item.to && !item.met ? <Link to={item.to}>{item.label}</Link> : item.label}
            {item.detail ? <span className="checklist__detail"> ({item.detail})</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

const palette = ["#0b5394", "#b45309", "#047857", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f"];

export interface ChartSeries {
  name: string;
  rates: number[];
}

/**
 * A line chart of percentages over months, drawn as inline SVG. It is one image with a text
 * summary for screen readers; the same figures are in the table that follows it.
 */
export function RateChart({
  months,
  series,
  summary,
}: {
  months: string[];
  series: ChartSeries[];
  summary: string;
}) {
  const width = 640;
  const height = 240;
  const left = 40;
  // Room for half of the last month's label, which is centred on the last point.
  const right = 30;
  const bottom = 30;
  const x = (index: number) =>
    left + (index * (width - left - right)) / Math.max(1, months.length - 1);
  const y = (rate: number) => 10 + ((100 - rate) * (height - bottom - 10)) / 100;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={summary}
        className="chart__svg"
      >
        {[0, 25, 50, 75, 100].map((rate) => (
          <g key={rate}>
            <line
              x1={left}
              x2={width - right}
              y1={y(rate)}
              y2={y(rate)}
              stroke="#d0d5dd"
              strokeWidth="1"
            />
            <text x={left - 6} y={y(rate) + 4} textAnchor="end" fontSize="11" fill="#344054">
              {rate}%
            </text>
          </g>
        ))}
        {/* Every other month, counted back from the current one so that it is always labelled. */}
        {months.map((month, index) =>
          (months.length - 1 - index) % 2 === 0 ? (
            <text
              key={month}
              x={x(index)}
              y={height - 8}
              textAnchor="middle"
              fontSize="11"
              fill="#344054"
            >
              {month}
            </text>
          ) : null,
        )}
        {series.map((line, index) => (
          <polyline
            key={line.name}
            fill="none"
            stroke={palette[index % palette.length]}
            strokeWidth="2.5"
            strokeDasharray={index >= palette.length ? "6 3" : undefined}
            points={line.rates.map((rate, i) => `${x(i)},${y(rate)}`).join(" ")}
          />
        ))}
      </svg>
      <figcaption>
        <ul className="chart__legend">
          {series.map((line, index) => (
            <li key={line.name}>
              <span
                className="chart__swatch"
                style={{ background: palette[index % palette.length] }}
                aria-hidden="true"
              />
              {line.name}: {line.rates.at(-1) ?? 0}% now
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

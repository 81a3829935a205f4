// A scenario's beats and outcomes and the ways between them, as laid out on the server by
// dagre (app/authoring/diagram.ts), drawn as SVG with the same content as a list for anyone
// who cannot see it. Beats the checker found unreachable or dead-ended are marked in both.
import type { Diagram, DiagramNode } from "~/authoring/diagram";

const markText: Record<string, string> = {
  unreachable: "never reached",
  "dead-end": "dead end",
};

function nodeClass(node: DiagramNode): string {
  const classes = ["diagram__node", `diagram__node--${node.kind}`];
  if (node.result) classes.push(`diagram__node--${node.result}`);
  if (node.marks.length > 0) classes.push("diagram__node--problem");
  return classes.join(" ");
}

function pathOf(points: Array<{ x: number; y: number }>): string {
  return points
    .map((point, index) => `${index === 0 ? "M" : "L"}${point.x.toFixed(1)} ${point.y.toFixed(1)}`)
    .join(" ");
}

export function ScenarioDiagram({
  diagram,
  stale = false,
  id = "scenario-diagram",
}: {
  diagram: Diagram | null;
  /** The text has changed into something invalid: this is the last good diagram. */
  stale?: boolean;
  id?: string;
}) {
  if (!diagram) {
    return (
      <p className="diagram__empty">
        The diagram appears when the text is valid. Fix the mistakes listed under the editor.
      </p>
    );
  }
  const beats = diagram.nodes.filter((node) => node.kind === "beat");
  const outcomes = diagram.nodes.filter((node) => node.kind === "outcome");
  const problems = diagram.nodes.filter((node) => node.marks.length > 0);
  const summary = `${beats.length} beat${beats.length === 1 ? "" : "s"} and ${outcomes.length} outcome${outcomes.length === 1 ? "" : "s"}${problems.length > 0 ? `; ${problems.length} marked by the check` : ""}.`;
  return (
    <figure className="diagram" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>
        {summary}
        {stale ? (
          <>
            {" "}
            <strong>This is the last valid version of the text</strong>: it changes again when the
            mistakes are fixed.
          </>
        ) : null}
      </figcaption>
      <section
        className="diagram__scroll"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
        tabIndex={0}
        aria-label="Scenario diagram (scrolls)"
      >
        <svg
          role="img"
          aria-labelledby={`${id}-title`}
          viewBox={`0 0 ${diagram.width} ${diagram.height}`}
          width={diagram.width}
          height={diagram.height}
          className={stale ? "diagram__svg diagram__svg--stale" : "diagram__svg"}
        >
          <title
            id={`${id}-title`}
          >{`Diagram of the scenario: ${summary} The same is listed as text below.`}</title>
          <defs>
            <marker
              id={`${id}-arrow`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" className="diagram__arrow" />
            </marker>
          </defs>
          {diagram.edges.map((edge) => (
            <g
              key={`${edge.from}-${edge.to}`}
              className={`diagram__edge diagram__edge--${edge.kind}`}
            >
              <path d={pathOf(edge.points)} markerEnd={`url(#${id}-arrow)`} fill="none" />
              <text
                x={edge.labelX}
                y={edge.labelY}
                textAnchor="middle"
                dominantBaseline="middle"
                className="diagram__edge-label"
              >
                {edge.label.length > 40 ? `${edge.label.slice(0, 39)}…` : edge.label}
              </text>
            </g>
          ))}
          {diagram.nodes.map((node) => (
            <g
              key={node.id}
              className={nodeClass(node)}
              transform={`translate(${node.x - node.width / 2} ${node.y - node.height / 2})`}
            >
              <rect width={node.width} height={node.height} rx={node.kind === "outcome" ? 22 : 6} />
              <text x={node.width / 2} y={18} textAnchor="middle" className="diagram__node-id">
                {node.start ? "▶ " : ""}
                {node.id}
              </text>
              <text x={node.width / 2} y={35} textAnchor="middle" className="diagram__node-title">
                {node.marks.length > 0
                  ? `⚠ ${node.marks.map((mark) => markText[mark]).join(", ")}`
                  : node.kind === "outcome"
                    ? node.result
                    : node.title.length > 28
                      ? `${node.title.slice(0, 27)}…`
                      : node.title}
              </text>
            </g>
          ))}
        </svg>
      </section>
      <details className="diagram__text">
        <summary>The diagram as text</summary>
        <ul>
          {diagram.nodes.map((node) => {
            const out = diagram.edges.filter((edge) => edge.from === node.id);
            return (
              <li key={node.id}>
                <strong>
                  {node.kind === "beat" ? "Beat" : `Outcome (${node.result})`} {node.id}
                </strong>
                {node.start ? " (the run starts here)" : ""}
                {node.title ? `: ${node.title}` : ""}
                {node.marks.length > 0 ? (
                  <span className="field-error">
                    {" "}
                    Marked by the check: {node.marks.map((mark) => markText[mark]).join(", ")}.
                  </span>
                ) : null}
                {out.length > 0 ? (
                  <ul>
                    {out.map((edge) => (
                      <li key={edge.to}>
                        {edge.label} → {edge.to}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
          {diagram.timeUp ? <li>When the scenario's time runs out: → {diagram.timeUp}</li> : null}
        </ul>
      </details>
    </figure>
  );
}

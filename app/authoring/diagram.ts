// A scenario's story as a graph (beats and outcomes, joined by the reactions and timeouts that
// move a run on), laid out by dagre. Pure data: the server lays it out once per valid text and
// the page only draws it, so the browser never loads the layout library.
import dagre from "@dagrejs/dagre";
import type { CheckFailure, Scenario } from "../../simulator";
import { formatClock } from "../../simulator";

export type NodeMark = "unreachable" | "dead-end";

export interface DiagramNode {
  id: string;
  kind: "beat" | "outcome";
  /** The beat's title, or the outcome's title and result. */
  title: string;
  result: "passed" | "failed" | null;
  start: boolean;
  marks: NodeMark[];
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DiagramEdge {
  from: string;
  to: string;
  kind: "reaction" | "timeout" | "time-up";
  /** What makes the run take this way, e.g. "hide gaz-abuse" or "after 2:00". */
  label: string;
  points: Array<{ x: number; y: number }>;
  labelX: number;
  labelY: number;
}

export interface Diagram {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** The scenario-wide ending when time runs out, if any. */
  timeUp: string | null;
}

const CHAR_WIDTH = 7.2;
const NODE_HEIGHT = 46;

/** Beats the checker found unreachable or dead-ended, read from its failures. */
export function marksFrom(failures: readonly CheckFailure[]): Map<string, NodeMark[]> {
  const marks = new Map<string, NodeMark[]>();
  const add = (id: string, mark: NodeMark) => marks.set(id, [...(marks.get(id) ?? []), mark]);
  for (const failure of failures) {
    const id = /"([^"]+)"/.exec(failure.message)?.[1];
    if (!id) continue;
    if (failure.property === "reachable") add(id, "unreachable");
    if (failure.property === "no-dead-end") add(id, "dead-end");
  }
  return marks;
}

function reactionLabel(when: Scenario["beats"][number]["reactions"][number]["when"]): string {
  const parts: string[] = [when.action];
  if (when.target) parts.push(when.target);
  if (when.persona) parts.push(when.persona);
  if (when.team) parts.push(`to ${when.team}`);
  if (when.reason) parts.push(`as ${when.reason}`);
  if (when.found.length > 0) parts.push(`with ${when.found.join(", ")}`);
  if (when.absent.length > 0) parts.push(`without ${when.absent.join(", ")}`);
  return parts.join(" ");
}

/** The edges of the story, several reasons between the same two nodes joined into one. */
function storyEdges(scenario: Scenario) {
  const edges = new Map<
    string,
    { from: string; to: string; kind: DiagramEdge["kind"]; labels: string[] }
  >();
  const add = (from: string, to: string, kind: DiagramEdge["kind"], label: string) => {
    const key = `${from}\u0000${to}`;
    const edge = edges.get(key);
    if (edge) {
      if (!edge.labels.includes(label)) edge.labels.push(label);
      if (kind === "reaction") edge.kind = "reaction";
    } else edges.set(key, { from, to, kind, labels: [label] });
  };
  for (const beat of scenario.beats) {
    for (const reaction of beat.reactions) {
      if (reaction.goto !== undefined)
        add(beat.id, reaction.goto, "reaction", reactionLabel(reaction.when));
    }
    if (beat.timeout)
      add(beat.id, beat.timeout.goto, "timeout", `after ${formatClock(beat.timeout.after)}`);
    if (beat.timeUp) add(beat.id, beat.timeUp, "time-up", "time runs out");
  }
  return [...edges.values()];
}

export function diagramOf(
  scenario: Scenario,
  marks: ReadonlyMap<string, readonly NodeMark[]> = new Map(),
): Diagram {
  const start = scenario.start ?? scenario.beats[0]?.id;
  const graph = new dagre.graphlib.Graph({ multigraph: false });
  graph.setGraph({
    rankdir: "TB",
    nodesep: 40,
    ranksep: 60,
    edgesep: 20,
    marginx: 16,
    marginy: 16,
  });
  graph.setDefaultEdgeLabel(() => ({}));

  const nodes = new Map<string, Omit<DiagramNode, "x" | "y">>();
  for (const beat of scenario.beats) {
    nodes.set(beat.id, {
      id: beat.id,
      kind: "beat",
      title: beat.title ?? "",
      result: null,
      start: beat.id === start,
      marks: [...(marks.get(beat.id) ?? [])],
      width: nodeWidth(beat.id, beat.title ?? ""),
      height: NODE_HEIGHT,
    });
  }
  for (const outcome of scenario.outcomes) {
    nodes.set(outcome.id, {
      id: outcome.id,
      kind: "outcome",
      title: outcome.title,
      result: outcome.result,
      start: false,
      marks: [...(marks.get(outcome.id) ?? [])],
      width: nodeWidth(outcome.id, `${outcome.result}: ${outcome.title}`),
      height: NODE_HEIGHT,
    });
  }
  for (const node of nodes.values())
    graph.setNode(node.id, { width: node.width, height: node.height });

  const edges = storyEdges(scenario).filter((edge) => nodes.has(edge.from) && nodes.has(edge.to));
  for (const edge of edges) {
    const label = shorten(edge.labels.join("; "), 40);
    graph.setEdge(edge.from, edge.to, {
      width: label.length * 6.2,
      height: 16,
      labelpos: "c",
    });
  }
  dagre.layout(graph);

  const laidOut: DiagramNode[] = [...nodes.values()].map((node) => {
    const position = graph.node(node.id) as { x: number; y: number };
    return { ...node, x: position.x, y: position.y };
  });
  const laidEdges: DiagramEdge[] = edges.map((edge) => {
    const layout = graph.edge(edge.from, edge.to) as {
      points?: Array<{ x: number; y: number }>;
      x?: number;
      y?: number;
    };
    const points = layout.points ?? [];
    const middle = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return {
      from: edge.from,
      to: edge.to,
      kind: edge.kind,
      label: edge.labels.join("; "),
      points,
      labelX: layout.x ?? middle.x,
      labelY: layout.y ?? middle.y,
    };
  });
  const size = graph.graph() as { width?: number; height?: number };
  return {
    width: Math.ceil(size.width ?? 0),
    height: Math.ceil(size.height ?? 0),
    nodes: laidOut,
    edges: laidEdges,
    timeUp: scenario.timeUp ?? null,
  };
}

function nodeWidth(id: string, subtitle: string): number {
  const longest = Math.max(id.length, Math.min(subtitle.length, 28));
  return Math.max(90, Math.round(longest * CHAR_WIDTH + 24));
}

export function shorten(text: string, most: number): string {
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`;
}

// The programmes, read from courses/programmes once per process: the files only change with a
// deploy, and each certificate pins the hash of the file it was earned under.
import { readProgrammes } from "../content/read.server";
import type { Programme } from "../content/types";

const state = globalThis as typeof globalThis & { __readyToPostProgrammes?: Programme[] };

/** Every programme, prerequisites before the programmes that need them. */
export function programmes(): Programme[] {
  state.__readyToPostProgrammes ??= inDependencyOrder(readProgrammes());
  return state.__readyToPostProgrammes;
}

export function programmeById(id: string): Programme | undefined {
  return programmes().find((programme) => programme.id === id);
}

/** The programme everyone starts with (the first with no prerequisite): the dashboard's default. */
export function baseProgramme(): Programme {
  const list = programmes();
  const base = list.find((p) => !p.requirements.some((r) => r.type === "programme")) ?? list[0];
  if (!base) throw new Error("No programmes in courses/programmes");
  return base;
}

export function windowDaysOf(programmeId: string): number {
  return programmeById(programmeId)?.renewal.windowDays ?? 0;
}

function inDependencyOrder(list: Programme[]): Programme[] {
  const byId = new Map(list.map((p) => [p.id, p]));
  const ordered: Programme[] = [];
  const visit = (programme: Programme) => {
    if (ordered.includes(programme)) return;
    for (const requirement of programme.requirements) {
      const before = requirement.type === "programme" ? byId.get(requirement.programme) : undefined;
      if (before) visit(before);
    }
    ordered.push(programme);
  };
  for (const programme of [...list].sort((a, b) => a.title.localeCompare(b.title)))
    visit(programme);
  return ordered;
}

import { eq, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { createDepartment, createPerson, type Person } from "../../db/factories";
import { departments, type Role, users } from "../../db/schema";
import { hashPassword } from "../auth/password.server";

export const demoPassword = "practice-makes-perfect";

export const demoSignIns = [
  { role: "staff", email: "staff@demo.test" },
  { role: "trainer", email: "trainer@demo.test" },
  { role: "manager", email: "manager@demo.test" },
  { role: "admin", email: "admin@demo.test" },
] as const satisfies readonly { role: Role; email: string }[];

const departmentNames = ["Highways", "Libraries", "Children's Services", "Communications"] as const;
type DepartmentName = (typeof departmentNames)[number];

interface DemoPerson {
  name: string;
  email?: string;
  role: Role;
  department: DepartmentName;
}

// Managers first: everyone else's line manager must exist before them.
const leaders: DemoPerson[] = [
  { name: "Morgan Hughes", email: "admin@demo.test", role: "admin", department: "Communications" },
  { name: "Priya Shah", email: "manager@demo.test", role: "manager", department: "Highways" },
  { name: "Tom Evans", role: "manager", department: "Libraries" },
  { name: "Grace Okafor", role: "manager", department: "Children's Services" },
];

const team: DemoPerson[] = [
  {
    name: "Alex Morgan",
    email: "trainer@demo.test",
    role: "trainer",
    department: "Communications",
  },
  { name: "Sam Rees", role: "trainer", department: "Communications" },
  { name: "Jordan Lee", email: "staff@demo.test", role: "staff", department: "Highways" },
  ...(
    [
      ["Aled Jones", "Highways"],
      ["Bethan Price", "Highways"],
      ["Chris Walker", "Highways"],
      ["Dafydd Morris", "Highways"],
      ["Ellie Thomas", "Highways"],
      ["Farah Ahmed", "Highways"],
      ["Gwen Parry", "Highways"],
      ["Huw Bowen", "Highways"],
      ["Iwan Rowlands", "Highways"],
      ["Mared Owen", "Highways"],
      ["Noah Fisher", "Highways"],
      ["Poppy Hall", "Highways"],
      ["Ryan Baker", "Highways"],
      ["Gareth Davies", "Libraries"],
      ["Hannah Wright", "Libraries"],
      ["Imran Hussain", "Libraries"],
      ["Jess Turner", "Libraries"],
      ["Kieran Byrne", "Libraries"],
      ["Lowri Edwards", "Libraries"],
      ["Maya Patel", "Children's Services"],
      ["Nathan Clarke", "Children's Services"],
      ["Olivia Bennett", "Children's Services"],
      ["Owen Roberts", "Children's Services"],
      ["Rhiannon Lewis", "Children's Services"],
      ["Sophie Green", "Children's Services"],
      ["Tariq Malik", "Communications"],
      ["Uma Krishnan", "Communications"],
      ["Will Harris", "Communications"],
      ["Yasmin Ali", "Communications"],
      ["Zoe Campbell", "Communications"],
    ] as const
  ).map(([name, department]): DemoPerson => ({ name, role: "staff", department })),
];

/** A demo person's sign-in: "Aled Jones" is aled.jones@demo.test. */
export const demoEmail = (name: string) =>
  `${name.toLowerCase().replace(/[^a-z]+/g, ".")}@demo.test`;

const emailFor = (person: DemoPerson) => person.email ?? demoEmail(person.name);

export type SeedOutcome = "seeded" | "already-seeded" | "skipped-foreign-data";

/**
 * Seeds "Demo County Council". Idempotent: each department and person is created only if
 * missing. A database that holds other people is left alone unless `force` is set.
 */
export async function seedDemoCouncil(db: Queryable, options: { force?: boolean } = {}) {
  const [counts] = await db
    .select({
      everyone: sql<number>`count(*)::int`,
      demo: sql<number>`count(*) filter (where ${users.email} like '%@demo.test')::int`,
    })
    .from(users);
  const foreign = (counts?.everyone ?? 0) - (counts?.demo ?? 0);
  if (foreign > 0 && !options.force) return "skipped-foreign-data" satisfies SeedOutcome;
  if ((counts?.demo ?? 0) >= leaders.length + team.length) {
    return "already-seeded" satisfies SeedOutcome;
  }

  const departmentIds = new Map<DepartmentName, string>();
  for (const name of departmentNames) {
    const [existing] = await db.select().from(departments).where(eq(departments.name, name));
    departmentIds.set(name, (existing ?? (await createDepartment(db, { name }))).id);
  }

  const passwordHash = await hashPassword(demoPassword);
  const managers = new Map<DepartmentName, Person>();
  const ensure = async (person: DemoPerson, lineManagerId: string | null) => {
    const email = emailFor(person);
    const [existing] = await db.select().from(users).where(eq(users.email, email));
    return (
      existing ??
      createPerson(db, {
        email,
        name: person.name,
        role: person.role,
        departmentId: departmentIds.get(person.department) ?? null,
        lineManagerId,
        // One hash for the demo password: these are shared demo accounts by design.
        passwordHash,
      })
    );
  };
  const head = await ensure(leaders[0] as DemoPerson, null);
  managers.set("Communications", head);
  for (const leader of leaders.slice(1)) {
    managers.set(leader.department, await ensure(leader, head.id));
  }
  for (const person of team) {
    await ensure(person, managers.get(person.department)?.id ?? head.id);
  }
  return "seeded" satisfies SeedOutcome;
}

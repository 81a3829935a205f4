// Kept apart from the schema so browser code can list roles without pulling in drizzle.
export const roles = ["staff", "trainer", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

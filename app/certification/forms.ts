// The certification pages' forms and queries, shared by each page and its action.
import { z } from "zod";

const slug = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const uuid = z.string().uuid("That is not a record on this page. Reload the page and try again.");

const reason = z
  .string({ error: "Give a reason" })
  .trim()
  .min(3, "Give a reason of at least 3 characters")
  .max(500, "Keep the reason to 500 characters or fewer");

/** Request a live account. */
export const requestAccountForm = z.object({
  intent: z.literal("request", { error: "Choose what to do: request an account" }),
  platformId: z
    .string({ error: "Choose a platform" })
    .trim()
    .min(1, "Choose a platform")
    .max(60, "Choose a platform from the list"),
  handle: z
    .string({ error: "Enter the handle you want" })
    .trim()
    .min(2, "Enter the handle you want, like @JaneSmithDemoCouncil")
    .max(60, "A handle is 60 characters or fewer")
    .regex(
      /^@?[A-Za-z0-9_]+$/,
      "A handle is letters, digits and _ only, with an optional @ in front",
    ),
});

/** A manager's decision on a request, a suspension of one account, or a revocation, on a person's page. */
export const personActionForm = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("approve"), requestId: uuid, reason }),
    z.object({ intent: z.literal("reject"), requestId: uuid, reason }),
    z.object({ intent: z.literal("revoke"), certificateId: uuid, reason }),
    z.object({ intent: z.literal("suspend"), requestId: uuid, reason }),
    z.object({ intent: z.literal("lift"), requestId: uuid, reason }),
    z.object({
      intent: z.literal("assign"),
      courseId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Choose a course from the list"),
    }),
  ],
  { error: "Choose what to do: approve, reject, suspend, lift, revoke or assign a course" },
);

/** The admin's settings: the handle rule, and platforms to add. */
export const accountSettingsForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("rule"),
      rule: z
        .string({ error: "Enter the naming rule" })
        .trim()
        .min(3, "Enter the naming rule, like {name}DemoCouncil")
        .max(60, "Keep the rule to 60 characters or fewer"),
    }),
    z.object({
      intent: z.literal("platform"),
      name: z
        .string({ error: "Enter the platform's name" })
        .trim()
        .min(2, "Enter the platform's name")
        .max(40, "Keep the name to 40 characters or fewer"),
      programmeId: z
        .string({ error: "Choose a programme" })
        .regex(slug, "Choose a programme from the list"),
    }),
  ],
  { error: "Choose what to do: change the rule or add a platform" },
);

export const teamStatuses = [
  "certified",
  "expiring",
  "expired",
  "revoked",
  "in-progress",
  "not-started",
] as const;
export type TeamStatus = (typeof teamStatuses)[number];

export const teamSorts = ["name", "department", "status", "expires", "activity"] as const;

/** The dashboard's search, filters, sorting and page, all in the URL. */
export const teamQuery = z.object({
  q: z.string().trim().max(100, "Search text must be 100 characters or fewer").default(""),
  department: z.union([z.string().uuid(), z.literal("")]).default(""),
  status: z.union([z.enum(teamStatuses), z.literal("")]).default(""),
  programme: z.union([z.string().regex(slug).max(80), z.literal("")]).default(""),
  sort: z.enum(teamSorts).default("name"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type TeamQuery = z.infer<typeof teamQuery>;

/** The admin's audit log: a category and a page. */
export const auditQuery = z.object({
  category: z
    .enum(["", "certificate", "account", "user", "course", "settings", "platform"])
    .default(""),
  q: z.string().trim().max(100, "Search text must be 100 characters or fewer").default(""),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
export type AuditQuery = z.infer<typeof auditQuery>;

import { z } from "zod";
import { roles } from "../../db/roles";

// The admin's forms for one person. Shared by the pages and their actions.

const optionalId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(z.string().uuid("Choose an option from the list").nullable());

const optionalPersonId = z
  .string()
  .trim()
  .transform((value) => (value === "" ? null : value))
  .pipe(z.string().max(64, "Choose a person from the list").nullable());

export const personFields = {
  role: z.enum(roles, { error: "Choose a role: staff, trainer, manager or admin" }),
  departmentId: optionalId,
  lineManagerId: optionalPersonId,
};

export const newPersonForm = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the person's name")
    .max(120, "Name must be 120 characters or fewer"),
  email: z
    .string()
    .trim()
    .min(1, "Enter an email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the right format, like name@example.gov.uk"),
  ...personFields,
});

export const updatePersonForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), ...personFields }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);

export const peopleQuery = z.object({
  q: z.string().trim().max(100, "Search text must be 100 characters or fewer").default(""),
  role: z.union([z.enum(roles), z.literal("")]).default(""),
  department: z.union([z.string().uuid(), z.literal("")]).default(""),
  status: z.enum(["active", "inactive", "all"]).default("active"),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});
export type PeopleQuery = z.infer<typeof peopleQuery>;

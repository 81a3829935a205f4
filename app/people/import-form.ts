import { z } from "zod";

export const importColumns = ["email", "name", "department", "role", "manager_email"] as const;
export const importLimits = { bytes: 1_000_000, rows: 5_000 } as const;

// Step one uploads a file to preview; step two sends the same text back to import.
export const importForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("preview"),
    file: z
      .instanceof(File, { message: "Choose a CSV file to upload" })
      .refine((file) => file.size > 0, "The chosen file is empty")
      .refine((file) => file.size <= importLimits.bytes, "The file is larger than 1 MB"),
  }),
  z.object({
    intent: z.literal("import"),
    csv: z
      .string()
      .min(1, "The file to import is missing; upload it again")
      .max(importLimits.bytes),
  }),
]);

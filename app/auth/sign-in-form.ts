import { z } from "zod";

export const signInForm = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Email address must be 254 characters or fewer")
    .email("Enter an email address in the right format, like name@example.gov.uk"),
  password: z
    .string()
    .min(1, "Enter your password")
    .max(1000, "Password must be 1,000 characters or fewer"),
  redirectTo: z.string().optional(),
});

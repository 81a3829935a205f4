import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { notFound, requireAccess } from "~/auth/guard.server";
import { advanceClock, now, testClockEnabled } from "~/clock.server";

// For browser tests only: does not exist unless TEST_CLOCK is on, and only admins may use it.

const advanceForm = z.object({
  days: z.coerce.number().min(0).max(3650).default(0),
  seconds: z.coerce
    .number()
    .min(0)
    .max(86_400 * 366)
    .default(0),
});

export function loader(args: LoaderFunctionArgs) {
  requireAccess(args, "routes/test.clock");
  if (!testClockEnabled()) throw notFound();
  return Response.json({ now: now().toISOString() });
}

export async function action(args: ActionFunctionArgs) {
  requireAccess(args, "routes/test.clock");
  if (!testClockEnabled()) throw notFound();
  const form = advanceForm.safeParse(Object.fromEntries(await args.request.formData()));
  if (!form.success) {
    return Response.json(
      { error: "days and seconds must be non-negative numbers" },
      { status: 400 },
    );
  }
  const moved = advanceClock((form.data.days * 86_400 + form.data.seconds) * 1000);
  return Response.json({ now: moved.toISOString() });
}

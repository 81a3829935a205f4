import type { Params } from "@remix-run/react";
import { notFound } from "./auth/guard.server";

const shapes = {
  /** Course, lesson, programme and scenario ids, as the content files and simulator allow them. */
  slug: /^[a-z0-9][a-z0-9-]*$/,
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  /** A number counted from 1, such as a status list's. */
  number: /^[1-9][0-9]*$/,
} as const;

export type ParamShape = keyof typeof shapes;

/**
 * A route's parameters in the shapes it expects, or a 404: a malformed id names no record,
 * so it never reaches a query.
 */
export function requireParams<K extends string>(
  params: Params,
  expected: Record<K, ParamShape>,
): Record<K, string> {
  const found = {} as Record<K, string>;
  for (const name of Object.keys(expected) as K[]) {
    const value = params[name];
    if (value === undefined || value.length > 80 || !shapes[expected[name]].test(value)) {
      throw notFound();
    }
    found[name] = value;
  }
  return found;
}

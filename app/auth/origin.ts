import { verifyRequestOrigin } from "lucia";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard: a state-changing request must carry an Origin
 * header naming this very host. SameSite=Lax cookies are the first line; this is the second.
 */
export function isSameOriginRequest(
  method: string,
  headers: { origin?: string | null; host?: string | null },
): boolean {
  if (safeMethods.has(method.toUpperCase())) return true;
  const { origin, host } = headers;
  if (!origin || !host) return false;
  return verifyRequestOrigin(origin, [host]);
}

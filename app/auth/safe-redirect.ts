/**
 * Where to send someone after sign-in: only a path on this site, never another origin.
 * Rejects protocol-relative ("//evil"), backslash tricks ("/\evil") and schemes.
 */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback = "/",
) {
  if (typeof target !== "string" || target.length === 0 || target.length > 2000) return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) {
    return fallback;
  }
  // Control characters and backslashes can be normalised by browsers into a new origin.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u001f\\]/.test(target)) return fallback;
  try {
    const url = new URL(target, "http://ready-to-post.invalid");
    if (url.origin !== "http://ready-to-post.invalid") return fallback;
    // Dot segments collapse ("/.//evil.com" becomes "//evil.com"), so check the result too.
    if (url.pathname.startsWith("//")) return fallback;
    if (url.pathname === "/login" || url.pathname === "/logout") return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}

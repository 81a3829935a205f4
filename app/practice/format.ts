// How the feed shows people and times, the same on the server and in the browser.

/** "12s", "5m", "2h", "3d": how long before `now` something happened, social-network style. */
export function relativeTime(at: number, now: number): { short: string; long: string } {
  const seconds = Math.max(0, Math.floor((now - at) / 1000));
  if (seconds < 10) return { short: "now", long: "just now" };
  const unit = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"} ago`;
  if (seconds < 60) return { short: `${seconds}s`, long: unit(seconds, "second") };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { short: `${minutes}m`, long: unit(minutes, "minute") };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { short: `${hours}h`, long: unit(hours, "hour") };
  const days = Math.floor(hours / 24);
  return { short: `${days}d`, long: unit(days, "day") };
}

/** "3:05": minutes and seconds of simulated time. */
export function clockText(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}

/** "8 minutes", "1 hour 30 minutes": a scenario's length in words. */
export function lengthText(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const m = (n: number) => `${n} minute${n === 1 ? "" : "s"}`;
  if (hours === 0) return m(Math.max(1, minutes));
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${m(rest)}` : ""}`;
}

/** Up to two initials from a name: "Carol Price" -> "CP", "Gaz" -> "G". */
export function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  return (
    words
      .slice(0, 2)
      .map((word) => word[0]?.toUpperCase() ?? "")
      .join("") || "?"
  );
}

// Dark enough for white initials to meet WCAG AA contrast.
const AVATAR_COLOURS = [
  "#3b2a8c",
  "#0f5e6b",
  "#8a2d52",
  "#1f5c2e",
  "#7a3e00",
  "#2b4a8c",
  "#6b2a7a",
  "#4a4759",
];

/** The same colour for the same person every time. */
export function avatarColour(id: string): string {
  let hash = 0;
  for (const char of id) hash = (Math.imul(hash, 31) + (char.codePointAt(0) ?? 0)) | 0;
  return AVATAR_COLOURS[Math.abs(hash) % AVATAR_COLOURS.length] as string;
}

/** "/learn/<course>/<slug>" from a lesson id "<course>/<slug>". */
export function lessonPath(lessonId: string): string {
  const [course, slug] = lessonId.split("/");
  return slug ? `/learn/${course}/${slug}` : `/learn/${course}`;
}

export const TEAM_NAMES: Record<string, string> = {
  comms: "Communications team",
  safeguarding: "Safeguarding team",
  "press-office": "Press office",
  complaints: "Complaints team",
  legal: "Legal team",
  "line-manager": "Your line manager",
};

export const REPORT_REASON_NAMES: Record<string, string> = {
  abuse: "Abuse",
  harassment: "Harassment",
  hate: "Hate speech",
  threat: "A threat",
  spam: "Spam",
  impersonation: "Impersonation",
  "personal-data": "Personal data on show",
  misinformation: "Misinformation",
  other: "Something else",
};

// The platforms a live account can be on. These six are always offered; an admin can add more
// (account_platforms). Each names the programme whose certificate an account on it needs.

export interface Platform {
  id: string;
  name: string;
  programmeId: string;
  builtIn: boolean;
}

/** Staff accounts rest on the staff certificate unless an admin says otherwise for a platform. */
export const defaultAccountProgramme = "staff-social-media-access";

export const builtInPlatforms: readonly Platform[] = [
  ["x", "X"],
  ["facebook", "Facebook"],
  ["instagram", "Instagram"],
  ["linkedin", "LinkedIn"],
  ["nextdoor", "Nextdoor"],
  ["youtube", "YouTube"],
].map(([id, name]) => ({
  id: id as string,
  name: name as string,
  programmeId: defaultAccountProgramme,
  builtIn: true,
}));

/** A platform's id from its name: "Threads" -> "threads", "Blue Sky" -> "blue-sky". */
export function platformIdFor(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

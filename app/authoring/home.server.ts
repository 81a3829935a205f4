// The authoring card on a trainer's home page: drafts not yet published, replies to grade.
import { reviewQueue } from "./reviews.server";
import { draftsWaiting } from "./scenarios.server";

export async function authoringHomeFor(): Promise<{ drafts: number; reviews: number }> {
  const [drafts, reviews] = await Promise.all([draftsWaiting(), reviewQueue()]);
  return { drafts, reviews: reviews.length };
}

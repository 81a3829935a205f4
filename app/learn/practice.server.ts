// The hook between lessons and the scenarios that practise them. The scenario library links
// each scenario to the lessons it assesses; when scenarios are loaded into the database this
// returns those links, and the lesson page lists them under "What would you do?". Until then
// no lesson has any, and the page shows nothing extra.
export interface PracticeLink {
  title: string;
  to: string;
}

export async function practiceFor(_lessonId: string): Promise<PracticeLink[]> {
  return [];
}

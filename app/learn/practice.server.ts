// The hook between lessons and the scenarios that practise them: the published scenarios whose
// objectives name the lesson, listed on the lesson page under "Practise it".
import { scenariosForLesson } from "../practice/scenarios.server";

export interface PracticeLink {
  title: string;
  to: string;
}

export async function practiceFor(lessonId: string): Promise<PracticeLink[]> {
  const found = await scenariosForLesson(lessonId);
  return found.map((scenario) => ({
    title: scenario.title,
    to: `/practice#scenario-${scenario.id}`,
  }));
}

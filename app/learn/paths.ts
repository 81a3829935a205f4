// Addresses of the learning pages, shared by use cases (for redirects) and pages (for links).

export function coursePath(courseId: string): string {
  return `/learn/${courseId}`;
}

export function lessonPath(courseId: string, slug: string): string {
  return `/learn/${courseId}/${slug}`;
}

export function quizPath(courseId: string, attemptId?: string): string {
  return attemptId ? `/learn/${courseId}/quiz/${attemptId}` : `/learn/${courseId}/quiz`;
}

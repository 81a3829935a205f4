// Drawing a quiz from a question bank. Pure and seeded: the same bank and seed always give the
// same questions in the same order, so an attempt can be replayed from what is stored on it.

/** mulberry32: a small, well-mixed 32-bit generator; plenty for shuffling a question bank. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the given generator; returns a new array. */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export interface BankQuestion {
  id: string;
  /** The lesson that teaches it, so a draw can cover every lesson. */
  lesson: string;
  type: string;
  options: readonly { id: string }[];
}

export interface DrawnQuestion {
  id: string;
  /** Option ids in the order to show them. */
  optionOrder: string[];
}

/**
 * Draws `count` questions: a round over the lessons (in a shuffled order) picks one question
 * from each before any lesson gets a second, so a draw smaller than the bank still covers the
 * course. Options are shuffled too, except True/False, which reads best in that order.
 */
export function drawQuestions(
  bank: readonly BankQuestion[],
  count: number,
  seed: number,
): DrawnQuestion[] {
  const random = seededRandom(seed);
  const groups = new Map<string, BankQuestion[]>();
  for (const question of shuffle(bank, random)) {
    const group = groups.get(question.lesson);
    if (group) group.push(question);
    else groups.set(question.lesson, [question]);
  }
  const picked: BankQuestion[] = [];
  const queues = [...groups.values()];
  while (picked.length < Math.min(count, bank.length)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < count) picked.push(next);
    }
  }
  return shuffle(picked, random).map((question) => ({
    id: question.id,
    optionOrder:
      question.type === "true-false"
        ? question.options.map((option) => option.id)
        : shuffle(
            question.options.map((option) => option.id),
            random,
          ),
  }));
}

/** A seed for a new attempt: the only randomness in drawing, made outside the pure part. */
export function newSeed(): number {
  // Kept within a signed 32-bit integer, the column it is stored in.
  return (crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) & 0x7fffffff;
}

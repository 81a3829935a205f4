import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { readCourses } from "~/content/read.server";
import { type BankQuestion, drawQuestions, newSeed, seededRandom, shuffle } from "~/learn/draw";

const bank: BankQuestion[] = Array.from({ length: 12 }, (_, index) => ({
  id: `q${index}`,
  lesson: `lesson-${index % 4}`,
  type: index % 3 === 0 ? "true-false" : "single",
  options:
    index % 3 === 0 ? [{ id: "true" }, { id: "false" }] : [{ id: "a" }, { id: "b" }, { id: "c" }],
}));

describe("seededRandom", () => {
  test("the same seed gives the same numbers, in [0, 1)", () => {
    const a = seededRandom(123);
    const b = seededRandom(123);
    for (let i = 0; i < 100; i++) {
      const value = a();
      assert.equal(value, b());
      assert.ok(value >= 0 && value < 1);
    }
  });

  test("different seeds give different numbers", () => {
    assert.notEqual(seededRandom(1)(), seededRandom(2)());
  });
});

describe("shuffle", () => {
  test("keeps every item and leaves the input alone", () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = shuffle(items, seededRandom(9));
    assert.deepEqual([...shuffled].sort(), items);
    assert.deepEqual(items, [1, 2, 3, 4, 5, 6, 7, 8]);
  });
});

describe("drawQuestions", () => {
  test("the same seed draws the same questions, options in the same order", () => {
    assert.deepEqual(drawQuestions(bank, 6, 77), drawQuestions(bank, 6, 77));
  });

  test("draws the number asked for, each question once", () => {
    const drawn = drawQuestions(bank, 6, 5);
    assert.equal(drawn.length, 6);
    assert.equal(new Set(drawn.map((question) => question.id)).size, 6);
  });

  test("never draws more than the bank holds", () => {
    assert.equal(drawQuestions(bank, 50, 5).length, bank.length);
  });

  test("covers every lesson before any lesson gets a second question", () => {
    for (let seed = 0; seed < 200; seed++) {
      const drawn = drawQuestions(bank, 4, seed);
      const lessons = drawn.map((question) => bank.find((q) => q.id === question.id)?.lesson);
      assert.equal(new Set(lessons).size, 4, `seed ${seed}`);
    }
  });

  test("shuffles the options of every question but true/false, which stays True then False", () => {
    const orders = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      for (const question of drawQuestions(bank, 12, seed)) {
        const options = bank.find((q) => q.id === question.id)?.options.map((o) => o.id) ?? [];
        assert.deepEqual([...question.optionOrder].sort(), [...options].sort());
        if (options[0] === "true") assert.deepEqual(question.optionOrder, ["true", "false"]);
        else orders.add(question.optionOrder.join());
      }
    }
    assert.ok(orders.size > 1, "options are shuffled");
  });

  test("different seeds draw different sets from the real staff bank", () => {
    const course = readCourses().find((c) => c.id === "staff-social-media");
    const questions = (course?.quiz?.questions ?? []).map((q) => ({ ...q, lesson: q.lesson }));
    const sets = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      sets.add(
        drawQuestions(questions, 15, seed)
          .map((q) => q.id)
          .sort()
          .join(),
      );
    }
    assert.ok(sets.size > 15, `${sets.size} different sets from 20 seeds`);
  });
});

describe("newSeed", () => {
  test("fits in a signed 32-bit integer column", () => {
    for (let i = 0; i < 100; i++) {
      const seed = newSeed();
      assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0x7fffffff);
    }
  });
});

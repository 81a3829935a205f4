import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { checkImport, type Directory, importColumns, importLimits } from "~/people/csv-import";

const directory: Directory = {
  departments: new Map([
    ["highways", { id: "dep-highways", name: "Highways" }],
    ["children's services", { id: "dep-children", name: "Children's Services" }],
  ]),
  people: new Map([
    ["priya.shah@council.test", { id: "person-priya", name: "Priya Shah", active: true }],
    ["left.ages.ago@council.test", { id: "person-left", name: "Left Agesago", active: false }],
  ]),
};

const header = "email,name,department,role,manager_email";
const file = (lines: string[], eol = "\n") => `${[header, ...lines].join(eol)}${eol}`;

/** Line number and message of every problem, for compact comparisons. */
const problemsOf = (csv: string) => checkImport(csv, directory).problems;
const linesOf = (csv: string) => problemsOf(csv).map((problem) => problem.line);

function onlyProblem(csv: string) {
  const { rows, problems } = checkImport(csv, directory);
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.deepEqual(rows, [], "rows with a problem must not be offered for import");
  return problems[0] as { line: number; message: string };
}

describe("checkImport: a good file", () => {
  test("gives one row per person, ready to import", () => {
    const { rows, problems } = checkImport(
      file([
        "ann.lee@council.test,Ann Lee,Highways,staff,priya.shah@council.test",
        "Bob.Lane@Council.test,Bob Lane,children's services,Manager,",
        "cat.moss@council.test,Cat Moss,Highways,trainer,bob.lane@council.test",
        "priya.shah@council.test,Priya Shah,Highways,manager,",
      ]),
      directory,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(rows, [
      {
        line: 2,
        email: "ann.lee@council.test",
        name: "Ann Lee",
        departmentId: "dep-highways",
        departmentName: "Highways",
        role: "staff",
        managerEmail: "priya.shah@council.test",
        change: "create",
      },
      {
        line: 3,
        email: "bob.lane@council.test",
        name: "Bob Lane",
        departmentId: "dep-children",
        departmentName: "Children's Services",
        role: "manager",
        managerEmail: null,
        change: "create",
      },
      {
        line: 4,
        email: "cat.moss@council.test",
        name: "Cat Moss",
        departmentId: "dep-highways",
        departmentName: "Highways",
        role: "trainer",
        managerEmail: "bob.lane@council.test",
        change: "create",
      },
      {
        line: 5,
        email: "priya.shah@council.test",
        name: "Priya Shah",
        departmentId: "dep-highways",
        departmentName: "Highways",
        role: "manager",
        managerEmail: null,
        change: "update",
      },
    ]);
  });

  test("a manager may appear later in the file than the people they manage", () => {
    const { rows, problems } = checkImport(
      file([
        "ann.lee@council.test,Ann Lee,Highways,staff,NEW.BOSS@council.test",
        "new.boss@council.test,New Boss,Highways,manager,",
      ]),
      directory,
    );
    assert.deepEqual(problems, []);
    assert.equal(rows[0]?.managerEmail, "new.boss@council.test");
  });

  test("a byte-order mark before the header is ignored", () => {
    const { rows, problems } = checkImport(
      `\uFEFF${file(["ann.lee@council.test,Ann Lee,Highways,staff,"])}`,
      directory,
    );
    assert.deepEqual(problems, []);
    assert.equal(rows[0]?.email, "ann.lee@council.test");
  });

  test("quoted names may hold commas and quotes", () => {
    const { rows, problems } = checkImport(
      file([
        '"ann.lee@council.test","Lee, Ann",Highways,staff,',
        'bob.lane@council.test,"Bob ""Bobby"" Lane","Children\'s Services",staff,',
      ]),
      directory,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      rows.map((row) => row.name),
      ["Lee, Ann", 'Bob "Bobby" Lane'],
    );
  });

  test("a blank role means staff, and roles ignore case", () => {
    const { rows, problems } = checkImport(
      file([
        "ann.lee@council.test,Ann Lee,Highways,,",
        "bob.lane@council.test,Bob Lane,Highways,ADMIN,",
        "cat.moss@council.test,Cat Moss,Highways, Trainer ,",
      ]),
      directory,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(
      rows.map((row) => row.role),
      ["staff", "admin", "trainer"],
    );
  });

  test("spaces around values and header names are trimmed", () => {
    const { rows, problems } = checkImport(
      " Email , Name ,Department,ROLE,Manager_Email\n  ann.lee@council.test ,  Ann Lee , Highways , staff , \n",
      directory,
    );
    assert.deepEqual(problems, []);
    assert.equal(rows[0]?.email, "ann.lee@council.test");
    assert.equal(rows[0]?.name, "Ann Lee");
  });

  for (const [name, eol] of [
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ] as const) {
    test(`${name} line endings give the same rows and line numbers`, () => {
      const lines = [
        "ann.lee@council.test,Ann Lee,Highways,staff,",
        "bad-email,Bad Email,Highways,staff,",
        "cat.moss@council.test,Cat Moss,Highways,staff,",
      ];
      const { rows, problems } = checkImport(file(lines, eol), directory);
      assert.deepEqual(
        rows.map((row) => [row.line, row.email]),
        [
          [2, "ann.lee@council.test"],
          [4, "cat.moss@council.test"],
        ],
      );
      assert.deepEqual(
        problems.map((problem) => problem.line),
        [3],
      );
    });
  }

  test("a file without a final line break is read to the end", () => {
    const { rows } = checkImport(
      `${header}\nann.lee@council.test,Ann Lee,Highways,staff,`,
      directory,
    );
    assert.equal(rows.length, 1);
  });

  test("blank lines are skipped but still counted in line numbers", () => {
    const csv = file([
      "",
      "ann.lee@council.test,Ann Lee,Highways,staff,",
      "",
      "bad,Bad,Highways,,",
    ]);
    assert.deepEqual(linesOf(csv), [5]);
    assert.equal(checkImport(csv, directory).rows[0]?.line, 3);
  });
});

describe("checkImport: bad rows", () => {
  test("a bad email names the line and the value", () => {
    const problem = onlyProblem(file(["ann.lee@council,Ann Lee,Highways,staff,"]));
    assert.equal(problem.line, 2);
    assert.match(problem.message, /ann\.lee@council/);
    assert.match(problem.message, /email/i);
  });

  test("a missing email or name is reported", () => {
    assert.match(onlyProblem(file([",Ann Lee,Highways,staff,"])).message, /email/i);
    assert.match(onlyProblem(file(["ann.lee@council.test,,Highways,staff,"])).message, /name/i);
  });

  test("an over-long name is reported", () => {
    const problem = onlyProblem(file([`ann.lee@council.test,${"A".repeat(121)},Highways,staff,`]));
    assert.match(problem.message, /name/i);
  });

  test("an unknown or missing department names the department", () => {
    const problem = onlyProblem(file(["ann.lee@council.test,Ann Lee,Parks,staff,"]));
    assert.equal(problem.line, 2);
    assert.match(problem.message, /Parks/);
    assert.match(
      onlyProblem(file(["ann.lee@council.test,Ann Lee,,staff,"])).message,
      /department/i,
    );
  });

  test("an unknown manager names the manager", () => {
    const problem = onlyProblem(
      file(["ann.lee@council.test,Ann Lee,Highways,staff,nobody@council.test"]),
    );
    assert.equal(problem.line, 2);
    assert.match(problem.message, /nobody@council\.test/);
  });

  test("nobody can be their own manager", () => {
    const problem = onlyProblem(
      file(["ann.lee@council.test,Ann Lee,Highways,staff,Ann.Lee@council.test"]),
    );
    assert.match(problem.message, /own manager/);
  });

  test("an email twice in the file, whatever its case, names the first line", () => {
    const { rows, problems } = checkImport(
      file([
        "ann.lee@council.test,Ann Lee,Highways,staff,",
        "bob.lane@council.test,Bob Lane,Highways,staff,",
        "ANN.LEE@Council.Test,Ann Again,Highways,staff,",
        "ann.lee@council.test,Ann Thrice,Highways,staff,",
      ]),
      directory,
    );
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [4, 5],
    );
    for (const problem of problems) assert.match(problem.message, /duplicate of line 2/);
    assert.deepEqual(
      rows.map((row) => row.line),
      [2, 3],
    );
  });

  test("an unknown role names the role and the roles allowed", () => {
    const problem = onlyProblem(file(["ann.lee@council.test,Ann Lee,Highways,supervisor,"]));
    assert.equal(problem.line, 2);
    assert.match(problem.message, /supervisor/);
    assert.match(problem.message, /staff, trainer, manager or admin/);
  });

  test("too few or too many values on a line is reported on that line", () => {
    const csv = file([
      "ann.lee@council.test,Ann Lee,Highways,staff,",
      "bob.lane@council.test,Bob Lane,Highways",
      "cat.moss@council.test,Cat Moss,Highways,staff,,extra",
      "Lee, Ann,ann2@council.test,Highways,staff,",
    ]);
    const problems = problemsOf(csv);
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [3, 4, 5],
    );
    for (const problem of problems) assert.match(problem.message, /5 values/);
  });

  test("every problem carries its own line, in file order", () => {
    const csv = file([
      "ann.lee@council.test,Ann Lee,Highways,staff,",
      "bad-email,Bad Email,Highways,staff,",
      "cat.moss@council.test,Cat Moss,Nowhere,staff,",
      "dee.ng@council.test,Dee Ng,Highways,boss,",
      "eve.orr@council.test,Eve Orr,Highways,staff,ghost@council.test",
      "ann.lee@council.test,Ann Again,Highways,staff,",
      "fay.pym@council.test,Fay Pym,Highways,staff,",
    ]);
    const { rows, problems } = checkImport(csv, directory);
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [3, 4, 5, 6, 7],
    );
    assert.deepEqual(
      rows.map((row) => row.line),
      [2, 8],
    );
  });

  test("a row with several problems reports each of them on its line", () => {
    const problems = problemsOf(file(["not-an-email,,Parks,boss,"]));
    assert.ok(problems.length >= 3, JSON.stringify(problems));
    assert.ok(problems.every((problem) => problem.line === 2));
  });

  test("a quote left open is reported on the line where it opens", () => {
    const lines = Array.from({ length: 8 }, (_, i) => `p${i}@council.test,P ${i},Highways,staff,`);
    lines.splice(2, 0, 'quote@council.test,"Open Quote,Highways,staff,');
    const problem = onlyProblem(file(lines));
    assert.match(problem.message, /quote/i);
    assert.equal(problem.line, 4);
  });
});

describe("checkImport: bad files", () => {
  test("an empty file, or one of blanks, is reported", () => {
    for (const csv of ["", "   ", "\n\n", "\uFEFF", "\uFEFF\r\n"]) {
      const problem = onlyProblem(csv);
      assert.equal(problem.line, 1);
      assert.match(problem.message, /empty/, JSON.stringify(csv));
    }
  });

  test("a header with nobody under it is reported", () => {
    const problem = onlyProblem(`${header}\n`);
    assert.match(problem.message, /no people/);
  });

  test("missing header columns are named", () => {
    const problem = onlyProblem("email,name,department\nann.lee@council.test,Ann Lee,Highways\n");
    assert.equal(problem.line, 1);
    assert.match(problem.message, /missing columns: role, manager_email/);
    assert.match(problem.message, new RegExp(importColumns.join(",")));
  });

  test("unknown header columns are named", () => {
    const problem = onlyProblem(
      `${header},phone\nann.lee@council.test,Ann Lee,Highways,staff,,0123\n`,
    );
    assert.match(problem.message, /unknown column: phone/);
  });

  test("a misspelt header column is both missing and unknown", () => {
    const problem = onlyProblem(
      "email,name,department,role,manager\nann.lee@council.test,Ann Lee,Highways,staff,\n",
    );
    assert.match(problem.message, /missing column: manager_email/);
    assert.match(problem.message, /unknown column: manager/);
  });

  test("a file with no header line is reported at line 1", () => {
    const problem = onlyProblem("ann.lee@council.test,Ann Lee,Highways,staff,\n");
    assert.equal(problem.line, 1);
    assert.match(problem.message, /header/);
  });

  test("a column named twice in the header is reported, not silently overwritten", () => {
    const { rows, problems } = checkImport(
      "email,name,department,role,manager_email,email\nann.lee@council.test,Ann Lee,Highways,staff,,bob.lane@council.test\n",
      directory,
    );
    assert.deepEqual(rows, []);
    assert.deepEqual(
      problems.map((problem) => problem.line),
      [1],
    );
  });

  test("more people than one import allows is refused", () => {
    const person = (i: number) => `p${i}@council.test,Person ${i},Highways,staff,`;
    const atLimit = file(Array.from({ length: importLimits.rows }, (_, i) => person(i)));
    assert.deepEqual(problemsOf(atLimit), []);
    const overLimit = file(Array.from({ length: importLimits.rows + 1 }, (_, i) => person(i)));
    const problem = onlyProblem(overLimit);
    assert.match(problem.message, new RegExp(String(importLimits.rows)));
  });

  test("a file over the size limit is refused before it is read", () => {
    const padding = "x".repeat(importLimits.bytes);
    const problem = onlyProblem(file([`ann.lee@council.test,${padding},Highways,staff,`]));
    assert.match(problem.message, /larger than/);
  });
});

describe("checkImport: managers", () => {
  test("a deactivated existing person cannot be named as a manager", () => {
    const problem = onlyProblem(
      file(["nia@council.test,Nia Hughes,Highways,staff,left.ages.ago@council.test"]),
    );
    assert.equal(problem.line, 2);
    assert.match(problem.message, /deactivated/);
  });

  test("an unknown manager is reported even on a row with other problems", () => {
    const problems = problemsOf(
      file(["nia@council.test,Nia Hughes,Parks,staff,nobody@council.test"]),
    );
    assert.deepEqual(
      problems.map((problem) => problem.message),
      [
        'Unknown department "Parks"',
        'Unknown manager "nobody@council.test": not in the file and not an existing person',
      ],
    );
  });
});

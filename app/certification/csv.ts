// CSV cells that are safe to open in a spreadsheet: a cell starting with = + - @, a tab or a
// carriage return could be run as a formula, so it gets a leading single quote (OWASP's advice).

const formulaStart = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return formulaStart.test(text) ? `'${text}` : text;
}

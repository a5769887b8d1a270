// The rule for text that people read on other screens (names, notes, reasons). No zod here, so the
// frontend can check a note as it is typed with the same rule the server applies.
/**
 * Characters no name, note or reason may hold: control characters (C0, DEL, C1 such as U+0085),
 * line and paragraph separators, and the direction marks, embeddings, overrides and isolates that
 * can make a kitchen screen show a note in another order than it was typed (U+202E turns "ohne Eis"
 * into "siE enho" on screen, and can make a line look like another product).
 */
const FORBIDDEN_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** What is wrong with a text shown to other people, or undefined; names the character and where it is. */
export function forbiddenTextProblem(s: string, allowAngles: boolean): string | undefined {
  const found = FORBIDDEN_TEXT.exec(s) ?? (allowAngles ? null : /[<>]/.exec(s));
  if (!found) return undefined;
  const code = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const what = /[<>]/.test(found[0]) ? `"${found[0]}"` : code;
  return `must be one line of plain text: ${what} at position ${found.index + 1} is not allowed (no control characters, line breaks or text-direction characters${allowAngles ? "" : ", no < >"})`;
}

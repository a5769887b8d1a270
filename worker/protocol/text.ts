// The rule for text that people read on other screens (names, notes, reasons). No zod here, so the
// frontend can check a note or a name as it is typed with the same rule the server applies.
/**
 * Characters no name, note or reason may hold: control characters (C0, DEL, C1 such as U+0085),
 * line and paragraph separators, and the direction marks, embeddings, overrides and isolates that
 * can make a kitchen screen show a note in another order than it was typed (U+202E turns "ohne Eis"
 * into "siE enho" on screen, and can make a line look like another product).
 */
const FORBIDDEN_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * A name is what payments, settlements and the CSV are grouped by, so it may hold nothing that is
 * not seen: besides the above, no format character (zero-width space and joiners, the BOM, soft
 * hyphen), no default-ignorable one (variation selectors, Hangul fillers), no blank braille
 * pattern, no surrogate or private-use character. "Anna" with a zero-width space in it would be a second waiter shown as "Anna".
 */
const FORBIDDEN_IN_NAME = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/u;

/**
 * Text stored before the rule held (or from elsewhere) as one line of what is seen: line breaks and
 * other control characters become a space, direction characters are dropped. For files that leave
 * the app (the CSV), where a U+202E would turn a cell around in the spreadsheet.
 */
export function withoutForbiddenText(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");
}

/** A character that is not allowed: as typed, as U+XXXX, and where (the n-th character, from 1). */
export interface ForbiddenChar {
  char: string;
  code: string;
  position: number;
}

function findForbidden(s: string, pattern: RegExp, allowAngles: boolean): ForbiddenChar | undefined {
  const found = pattern.exec(s) ?? (allowAngles ? null : /[<>]/.exec(s));
  if (!found) return undefined;
  const char = String.fromCodePoint(found[0].codePointAt(0)!);
  // Counted in characters as a person sees them typed, not in UTF-16 units.
  const position = [...s.slice(0, found.index)].length + 1;
  return { char, code: `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`, position };
}

const shown = (f: ForbiddenChar) => (/[<>]/.test(f.char) ? `"${f.char}"` : f.code);

/** The first character a text shown to other people may not hold (menu and event names: no < >), or undefined. */
export function forbiddenTextChar(s: string, allowAngles: boolean): ForbiddenChar | undefined {
  return findForbidden(s, FORBIDDEN_TEXT, allowAngles);
}

/** What is wrong with a text shown to other people, or undefined; names the character and where it is. */
export function forbiddenTextProblem(s: string, allowAngles: boolean): string | undefined {
  const found = findForbidden(s, FORBIDDEN_TEXT, allowAngles);
  if (!found) return undefined;
  return `must be one line of plain text: ${shown(found)} at position ${found.position} is not allowed (no control characters, line breaks or text-direction characters${allowAngles ? "" : ", no < >"})`;
}

/** The first character a name may not hold (checked on the name as typed), or undefined. */
export function forbiddenNameChar(s: string): ForbiddenChar | undefined {
  return findForbidden(s, FORBIDDEN_IN_NAME, false) ?? findForbidden(s, FORBIDDEN_TEXT, false);
}

/** What is wrong with a name as typed, in the API's words, or undefined. */
export function forbiddenNameProblem(s: string): string | undefined {
  const found = forbiddenNameChar(s);
  if (!found) return undefined;
  return `${shown(found)} at position ${found.position} is not allowed in a name (no invisible, format or control characters, no line breaks, no < >)`;
}

/**
 * The one form of a name that is stored and compared: Unicode NFC (so "ö" typed as o + ¨ is the
 * same name as "ö"), every run of spaces (of any width) as one space, none at either end.
 */
export function normalizeName(s: string): string {
  return s.normalize("NFC").replace(/\p{White_Space}+/gu, " ").trim();
}

// When two names look alike: the Unicode confusables skeleton (unhomoglyph, as Matrix clients use
// for display names) of the name's NFKC form, case-folded. "Anna", "anna", "Аnna" (Cyrillic А) and
// "Ａｎｎａ" (full width) all come out as "anna"; a name that is not the same as one already used
// but has its key is refused at login, so the settlement never shows two waiters as "Anna".
import unhomoglyph from "unhomoglyph";

/** Case folding as far as JavaScript has it: upper then lower also folds ß → ss and ς → σ. */
const fold = (s: string) => s.toUpperCase().toLowerCase();

/**
 * The key stored with a session (sessions.name_key): folded, mapped to its prototype characters,
 * and folded again until it stays (the map can give a capital: "0lga" → "Olga").
 */
export function nameKey(name: string): string {
  let key = fold(name.normalize("NFKC"));
  for (let i = 0; i < 3; i++) {
    const next = fold(unhomoglyph(key));
    if (next === key) break;
    key = next;
  }
  return key;
}

/**
 * Every key a name is compared by: the one above, and the skeleton of the name's own letters before
 * folding, which catches what folding hides (capital "I" looks like small "l": "Ida" and "lda").
 */
export function nameKeys(name: string): string[] {
  return [...new Set([nameKey(name), fold(unhomoglyph(name.normalize("NFKC")))])];
}

/** Whether two different names look alike (the same name is no look-alike of itself). */
export function looksAlike(a: string, b: string): boolean {
  if (a === b) return false;
  const keys = nameKeys(b);
  return nameKeys(a).some((k) => keys.includes(k));
}

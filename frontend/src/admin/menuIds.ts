// Ids for what an organiser adds on /admin/menu, made from its name: readable ASCII that config.json
// accepts (`Müllerschorle süß` → `muellerschorle-suess`), never one in use or taken off the menu.
const SPELLED: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "ae", Ö: "oe", Ü: "ue" };
const MAX_ID = 48;

export function slugOf(name: string): string {
  const spelled = name.replace(/[äöüßÄÖÜ]/g, (c) => SPELLED[c] ?? c);
  return spelled
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_ID)
    .replace(/-+$/, "");
}

/** The slug of `name`, or `fallback`; on a collision the first free of `slug-2`, `slug-3`, … */
export function freeId(name: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = slugOf(name) || fallback;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, MAX_ID - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken.has(id)) return id;
  }
}

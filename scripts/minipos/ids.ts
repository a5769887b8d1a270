// Stable, readable ids from mini_pos names. mini_pos identified a product by its position in the
// list, so reordering its menu could make a phone order the wrong product; Mini POS keys every
// product by an id instead. The same names in the same order always give the same ids.
import slugify from "@sindresorhus/slugify";
import { ID_PATTERN } from "../../worker/config/schema.ts";

const MAX_ID_LENGTH = 48;

/** `Müllerschorle süß` → `muellerschorle-suess`. German umlauts and ß are spelt out (slugify's default). */
export function slugOf(name: string): string {
  // decamelize off: "HefeWeizen" stays one word, and "ÄÖÜ" becomes "aeoeue", not "ae-oe-ue".
  return slugify(name, { decamelize: false });
}

/** Hands out ids unique within one kind of thing (products, categories or stations). */
export class IdAllocator {
  readonly #taken = new Set<string>();
  readonly #fallback: string;
  readonly #allowed: (id: string) => boolean;

  /**
   * `fallback`: the id for a name with no letters or digits at all. `allowed`: false for ids that
   * may not be handed out at all (station ids that are pages of /bar, such as `all`).
   */
  constructor(fallback: string, allowed: (id: string) => boolean = () => true) {
    this.#fallback = fallback;
    this.#allowed = allowed;
  }

  /** The slug of `name`; on a collision the first free of `slug-2`, `slug-3`, … */
  allocate(name: string): string {
    const base = this.#fit(slugOf(name) || this.#fallback);
    let id = base;
    for (let n = 2; this.#taken.has(id) || !this.#allowed(id); n++) id = `${this.#fit(base, `-${n}`)}-${n}`;
    this.#taken.add(id);
    if (!ID_PATTERN.test(id)) throw new Error(`internal: "${id}" made from "${name}" is not a valid id`);
    return id;
  }

  /** Cuts `slug` so that it plus `suffix` fits the id length, never ending in a dash. */
  #fit(slug: string, suffix = ""): string {
    return slug.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, "");
  }
}

// The menu as the waiter's phone knows it now: the last menu read (GET /menu, or whole from the
// stream after an edit on /admin, or the stored copy on an offline start), with the live
// availability over it. When its version changes, the drafts follow it and mark what changed.
import type { Category, Menu, Product } from "../../../worker/protocol.ts";
import { api, ApiRequestError, NetworkError } from "../lib/api.ts";
import type { EventState } from "../lib/eventState.svelte.ts";
import type { Drafts } from "./Drafts.svelte.ts";
import { readOffline } from "./offlineStart.ts";

export interface MenuNowLinks {
  live: EventState;
  drafts: Drafts;
  /** GET /menu said the session is over (reason from SESSION_ENDED). */
  onSessionEnded: (reason?: string) => void;
  /** A menu was taken: the app keeps it for an offline start. */
  onTaken: () => void;
}

export class MenuNow {
  #menu = $state.raw<Menu | undefined>(undefined);
  #askedVersion = 0;
  readonly #links: MenuNowLinks;

  /** Categories in config order, each with its products. */
  readonly categories: { category: Category; products: Product[] }[] = $derived.by(() => {
    const menu = this.#menu;
    if (!menu) return [] as { category: Category; products: Product[] }[];
    return menu.categories.map((category) => ({ category, products: menu.products.filter((p) => p.category === category.id) }));
  });
  readonly productById: Map<string, Product> = $derived(new Map((this.#menu?.products ?? []).map((p) => [p.id, p])));

  constructor(links: MenuNowLinks) {
    this.#links = links;
  }

  get menu(): Menu | undefined {
    return this.#menu;
  }

  soldOut(product: Product): boolean {
    return this.#links.live.availability.get(product.id)?.soldOut ?? product.soldOut;
  }
  quotaLeft(product: Product): number | null {
    const a = this.#links.live.availability.get(product.id);
    return a ? a.quota : product.quota;
  }
  /** The newest version this phone has heard of: the menu's, or a later one the stream announced. */
  version(): number {
    return Math.max(this.#links.live.menuVersion, this.#menu?.version ?? 0);
  }

  /** Reads the server's menu and takes it (see take). Offline, the stored copy stands in. */
  async load(): Promise<void> {
    try {
      const menu = await api<Menu>("GET", "/menu");
      // A reply that left the server before a menu.changed this page already took is older than it.
      const streamed = this.#links.live.menu;
      if (!streamed || streamed.version <= menu.version) this.take(menu);
    } catch (error) {
      // The session ended meanwhile (logout elsewhere, a PIN change): back to the login, not an error.
      if (error instanceof ApiRequestError && error.status === 401) return this.#links.onSessionEnded(endReasonOf(error));
      if (!(error instanceof NetworkError)) throw error;
      this.#menu ??= readOffline()?.menu;
    }
  }

  /**
   * Takes a menu: from GET /menu, or whole from the stream (menu.changed, an edit on /admin). When
   * its version differs, the drafts follow it and mark what changed.
   */
  take(menu: Menu): void {
    const before = this.#menu ?? readOffline()?.menu;
    if (before && before.version !== menu.version) this.#links.drafts.followMenu(before, menu);
    this.#menu = menu;
    this.#links.onTaken();
  }

  /** A version the stream announced that differs from the menu's: fetch the menu once for it (menu.changed brings it along). */
  followVersion(version: number): Promise<void> | undefined {
    if (this.#links.live.menu?.version === version) return;
    if (!this.#menu || version <= 0 || version === this.#menu.version || version === this.#askedVersion) return;
    this.#askedVersion = version;
    return this.load();
  }
}

/** Why the server ended the session (SESSION_ENDED's `reason`), for the login screen. */
function endReasonOf(error: ApiRequestError): string | undefined {
  return error.body.code === "SESSION_ENDED" ? error.body.reason : undefined;
}

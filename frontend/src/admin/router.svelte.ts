// The admin pages live behind the hash (/admin#/settlement), so a reload or a bookmark opens the
// same page and no server route is needed beyond /admin itself. A page may take parameters after
// a "?" (#/settlement?event=sommerfest-2026: an earlier event's settlement).
export const PAGES = ["availability", "menu", "settlement", "payments", "audit", "print", "printers", "stats", "access"] as const;
export type AdminPage = (typeof PAGES)[number];

function pageOf(hash: string): AdminPage {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(name ?? "") ? (name as AdminPage) : "availability";
}

function paramsOf(hash: string): URLSearchParams {
  return new URLSearchParams(hash.includes("?") ? hash.slice(hash.indexOf("?") + 1) : "");
}

class AdminRouter {
  #page = $state<AdminPage>(typeof location === "undefined" ? "availability" : pageOf(location.hash));
  #params = $state.raw(typeof location === "undefined" ? new URLSearchParams() : paramsOf(location.hash));

  constructor() {
    if (typeof window !== "undefined")
      window.addEventListener("hashchange", () => {
        this.#page = pageOf(location.hash);
        this.#params = paramsOf(location.hash);
      });
  }

  get page(): AdminPage {
    return this.#page;
  }

  /** A parameter of the page (#/settlement?event=…), or undefined. */
  param(name: string): string | undefined {
    return this.#params.get(name) || undefined;
  }
}

export const adminRouter = new AdminRouter();
export const pageHref = (page: AdminPage) => `#/${page}`;

// The admin pages live behind the hash (/admin#/settlement), so a reload or a bookmark opens the
// same page and no server route is needed beyond /admin itself.
export const PAGES = ["availability", "menu", "settlement", "payments", "audit", "print", "stats", "access"] as const;
export type AdminPage = (typeof PAGES)[number];

function pageOf(hash: string): AdminPage {
  const name = hash.replace(/^#\/?/, "").split(/[/?]/)[0];
  return (PAGES as readonly string[]).includes(name ?? "") ? (name as AdminPage) : "availability";
}

class AdminRouter {
  #page = $state<AdminPage>(typeof location === "undefined" ? "availability" : pageOf(location.hash));

  constructor() {
    if (typeof window !== "undefined") window.addEventListener("hashchange", () => (this.#page = pageOf(location.hash)));
  }

  get page(): AdminPage {
    return this.#page;
  }
}

export const adminRouter = new AdminRouter();
export const pageHref = (page: AdminPage) => `#/${page}`;

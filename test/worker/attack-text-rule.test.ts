// The text rule on menu and event names (issue 23, item 6): names shown on every phone and screen
// and in the report are one line of plain text, like waiters' names and notes. Markup, direction
// characters and line breaks are refused by path, on PUT /menu, POST /events and in config.json;
// the CSV carries no direction character and starts no formula, whatever was stored before.
import { describe, expect, it } from "vitest";
import shipped from "../../config.json";
import { api, getMenu, login } from "./helpers.ts";
import { checkConfig } from "../../worker/config/schema.ts";
import { plainText } from "../../worker/report/csv.ts";
import type { EventSummary, MenuEditView } from "../../worker/protocol.ts";

const RLO = "\u202e";
const BAD = { html: "<img src=x onerror=alert(1)>", rlo: `Pils${RLO}reuS`, lineBreak: "Pils\nklein", separator: "Bier\u2028Wein" };

async function menuEdit(admin: string): Promise<MenuEditView> {
  const res = await api<MenuEditView>("GET", "/api/v1/menu/edit", undefined, admin);
  if (res.status !== 200) throw new Error(`menu/edit: ${res.text}`);
  return res.body;
}

describe("PUT /menu", () => {
  it("refuses markup, U+202E and line breaks in product, category and option names, each at its path, and saves nothing", async () => {
    const admin = await login("admin");
    const waiter = await login("waiter");
    const before = await getMenu(waiter);
    const menu = await menuEdit(admin);
    menu.products[0]!.name = BAD.html;
    menu.products[1]!.name = BAD.rlo;
    menu.products[2]!.name = BAD.lineBreak;
    menu.products[3]!.options = ["ohne Eis", `mit${RLO}Zitrone`];
    menu.categories[0]!.name = BAD.separator;
    menu.categories[1]!.name = "Alkohol<frei>";
    const res = await api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products: menu.products }, admin);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code, res.text).toBe("INVALID_INPUT");
    const problems = new Map<string, string>(res.body.error.problems.map((p: { path: string; message: string }) => [p.path, p.message]));
    expect([...problems.keys()].sort()).toEqual(["categories[0].name", "categories[1].name", "products[0].name", "products[1].name", "products[2].name", "products[3].options[1]"]);
    expect(problems.get("products[1].name")).toContain("U+202E at position 5");
    expect(problems.get("products[2].name")).toContain("U+000A at position 5");
    expect(problems.get("products[0].name")).toContain('"<" at position 1');
    const after = await getMenu(waiter);
    expect(after.version).toBe(before.version);
    expect(after.products.map((p) => p.name)).toEqual(before.products.map((p) => p.name));
  });

  it("keeps names with umlauts, emoji, & and quotes, trimmed", async () => {
    const admin = await login("admin");
    const menu = await menuEdit(admin);
    menu.products[0]!.name = "  Gin & Tonic 🍸 „Spezial“ ";
    const res = await api("PUT", "/api/v1/menu", { baseVersion: menu.version, categories: menu.categories, products: menu.products }, admin);
    expect(res.status, res.text).toBe(200);
    expect((await getMenu(admin)).products.find((p) => p.id === menu.products[0]!.id)!.name).toBe("Gin & Tonic 🍸 „Spezial“");
  });
});

describe("POST /events", () => {
  it("refuses an event name with markup, U+202E or a line break at path name, and starts nothing", async () => {
    const admin = await login("admin");
    const events = async () => (await api<{ events: EventSummary[] }>("GET", "/api/v1/events", undefined, admin)).body.events;
    const before = await events();
    for (const name of [BAD.html, `Herbstfest${RLO}6202`, "Herbst\nfest", "Herbst\u0085fest"]) {
      const res = await api("POST", "/api/v1/events", { id: "herbstfest", name }, admin);
      expect(res.status, `${JSON.stringify(name)}: ${res.text}`).toBe(400);
      expect(res.body.error).toMatchObject({ code: "INVALID_INPUT", path: "name" });
    }
    expect(await events()).toEqual(before);
  });
});

describe("config.json", () => {
  it("refuses the same in the event's, stations', categories', products' and options' names, each at its path", () => {
    const config = structuredClone(shipped) as typeof shipped & Record<string, any>;
    config.name = `Sommerfest${RLO}`;
    config.stations[0]!.name = BAD.html;
    config.categories[0]!.name = BAD.lineBreak;
    config.products[0]!.name = BAD.rlo;
    (config.products[1] as { options?: string[] }).options = ["<b>groß</b>"];
    const { config: loaded, problems } = checkConfig(config);
    expect(loaded).toBeUndefined();
    expect(problems.map((p) => p.path).sort()).toEqual(["categories[0].name", "name", "products[0].name", "products[1].options[0]", "stations[0].name"]);
  });
});

describe("the CSV's text cells", () => {
  it("drop direction characters, turn line breaks into spaces and keep formulas from running, also behind those", () => {
    expect(plainText(`Pils${RLO}reuS`)).toBe("PilsreuS");
    expect(plainText("ohne\r\nEis")).toBe("ohne  Eis");
    expect(plainText(`${RLO}=HYPERLINK("http://evil.example","Pils")`)).toBe(`'=HYPERLINK("http://evil.example","Pils")`);
    expect(plainText("\t=1+1")).toBe("' =1+1");
    expect(plainText("  @SUM(A1)")).toBe("'  @SUM(A1)");
    expect(plainText("Gin & Tonic 🍸")).toBe("Gin & Tonic 🍸");
    for (const cell of [plainText(`a${RLO}b\u2066c\u200fd\u061ce`), plainText("x\u2028y\u0085z")]) expect(cell).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

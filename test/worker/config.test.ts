import { describe, expect, it } from "vitest";
import shipped from "../../config.json";
import english from "../../examples/config.en.json";
import minimal from "../../examples/config.minimal.json";
import { checkConfig, toCents } from "../../worker/config/schema.ts";

type Json = any;
/** A fresh, valid config with two stations, categories, products and tables to break. */
function base(): Json {
  return {
    id: "test-event",
    name: "Test",
    currency: "EUR",
    language: "de",
    stations: [
      { id: "bar", name: "Bar" },
      { id: "kitchen", name: "Küche" },
    ],
    categories: [
      { id: "drinks", name: "Getränke", station: "bar" },
      { id: "food", name: "Essen", station: "kitchen" },
    ],
    products: [
      { id: "pils", name: "Pils", price: 3, category: "drinks" },
      { id: "pommes", name: "Pommes", price: 3.5, category: "food", options: ["mit Mayo"] },
    ],
    tables: {
      grid: { columns: 2, rows: 2 },
      list: [
        { name: "A1", x: 0, y: 0 },
        { name: "A2", x: 1, y: 0 },
      ],
    },
    access: { waiterPin: "135790", stationPin: "246802", adminPin: "975310" },
  };
}

function problemsOf(mutate: (c: Json) => void) {
  const config = base();
  mutate(config);
  return checkConfig(config);
}

describe("checkConfig", () => {
  it.each([
    ["config.json", shipped],
    ["examples/config.en.json", english],
    ["examples/config.minimal.json", minimal],
  ])("accepts %s with no problems", (_, raw) => {
    const result = checkConfig(raw);
    expect(result.problems).toEqual([]);
    expect(result.config?.id).toBe((raw as Json).id);
  });

  it("accepts the base config of these tests and fills in defaults", () => {
    const { config, problems } = checkConfig(base());
    expect(problems).toEqual([]);
    expect(config!.ui.auto_close).toBe(true);
    expect(config!.products[0]!.options).toEqual([]);
    expect(config!.tables.list[0]).toMatchObject({ width: 1, height: 1 });
  });

  const cases: [string, (c: Json) => void, string][] = [
    ["an unknown category reference", (c) => (c.products[1].category = "desserts"), "products[1].category"],
    ["an unknown station reference", (c) => (c.categories[1].station = "grill"), "categories[1].station"],
    ["a duplicate product id", (c) => (c.products[1].id = "pils"), "products[1].id"],
    ["a duplicate table name", (c) => (c.tables.list[1].name = "A1"), "tables.list[1].name"],
    ["a table outside the grid", (c) => (c.tables.list[1].x = 2), "tables.list[1]"],
    ["a table that is too tall for the grid", (c) => (c.tables.list[0].height = 3), "tables.list[0]"],
    ["a negative price", (c) => (c.products[0].price = -1), "products[0].price"],
    ["a price with 3 decimals", (c) => (c.products[1].price = 3.555), "products[1].price"],
    ["a price given as text", (c) => (c.products[1].price = "3.50"), "products[1].price"],
    ["an empty products list", (c) => (c.products = []), "products"],
    ['the PIN "12a4"', (c) => (c.access.waiterPin = "12a4"), "access.waiterPin"],
    ['the PIN "123"', (c) => (c.access.adminPin = "123"), "access.adminPin"],
    ["a duplicate station id", (c) => (c.stations[1].id = "bar"), "stations[1].id"],
    ["a product id with capitals", (c) => (c.products[0].id = "Pils"), "products[0].id"],
    ['the station id "pickup", which is the runners\' page', (c) => (c.stations[1].id = "pickup"), "stations[1].id"],
    ['the station id "all", which is the page of every station', (c) => (c.stations[1].id = "all"), "stations[1].id"],
    ['the station id "default", the old address of that page', (c) => (c.stations[0].id = "default"), "stations[0].id"],
  ];
  it("says what a reserved station id is reserved for", () => {
    const { problems } = problemsOf((c) => (c.stations[1].id = "all"));
    expect(problems.find((p) => p.path === "stations[1].id")?.message).toBe('"all" is reserved for the page of every station, /bar/all');
  });

  for (const [what, mutate, path] of cases) {
    it(`reports ${what} as an error at ${path}`, () => {
      const { config, problems } = problemsOf(mutate);
      expect(config).toBeUndefined();
      expect(problems.filter((p) => p.level === "error").map((p) => p.path)).toContain(path);
      for (const p of problems) expect(p.message.length).toBeGreaterThan(0);
    });
  }

  it("reports overlapping tables as a warning only: the config is still valid", () => {
    const { config, problems } = problemsOf((c) => c.tables.list.push({ name: "A3", x: 0, y: 0, width: 2 }));
    expect(config).toBeDefined();
    expect(problems).toHaveLength(2);
    for (const p of problems) expect(p).toMatchObject({ level: "warning", path: "tables.list[2]" });
    expect(problems[0]!.message).toContain('"A1"');
  });

  it("warns about each PIN under 6 digits, with why and what to do, and still accepts the config", () => {
    const { config, problems } = problemsOf((c) => {
      c.access.waiterPin = "1234";
      c.access.adminPin = "98765";
    });
    expect(config?.access).toEqual({ waiterPin: "1234", stationPin: "246802", adminPin: "98765" });
    expect(problems.map((p) => [p.level, p.path])).toEqual([
      ["warning", "access.waiterPin"],
      ["warning", "access.adminPin"],
    ]);
    expect(problems[0]!.message).toBe(
      'has only 4 digits: the login limit lets 20 wrong PINs a minute through, so all 10,000 4-digit PINs are tried in about 8 hours. Use 6 digits or more, or leave "access" out: Mini POS then makes 6-digit PINs and prints them at every start',
    );
    expect(problems[1]!.message).toContain("all 100,000 5-digit PINs are tried in about 3 days");
  });

  it("does not warn about PINs of 6 to 8 digits, nor about a config without PINs", () => {
    for (const pin of ["123456", "1234567", "12345678"]) expect(problemsOf((c) => (c.access.waiterPin = pin)).problems).toEqual([]);
    expect(problemsOf((c) => delete c.access).problems).toEqual([]);
  });

  it("lists every problem of a config in one report", () => {
    const { config, problems } = problemsOf((c) => {
      c.products[0].price = -2;
      c.products[1].category = "desserts";
      c.products.push({ id: "pils", name: "Pils 2", price: 3.001, category: "drinks" });
      c.categories[0].station = "grill";
      c.tables.list[1].name = "A1";
      c.tables.list.push({ name: "Z", x: 5, y: 5 });
      c.access.stationPin = "12a4";
    });
    expect(config).toBeUndefined();
    expect(problems.filter((p) => p.level === "error").map((p) => p.path).sort()).toEqual(
      [
        "access.stationPin",
        "categories[0].station",
        "products[0].price",
        "products[1].category",
        "products[2].id",
        "products[2].price",
        "tables.list[1].name",
        "tables.list[2]",
      ].sort(),
    );
  });

  it("does not throw on input that is not a config at all", () => {
    for (const raw of [null, 42, "config", [], {}, { products: "many", tables: { list: [null, 1] } }]) {
      const { config, problems } = checkConfig(raw);
      expect(config).toBeUndefined();
      expect(problems.length).toBeGreaterThan(0);
    }
  });
});

describe("toCents", () => {
  it("turns decimal prices into integer cents without float drift", () => {
    expect([0, 0.1, 2.5, 3.8, 4.35, 19.99, 1.005 + 0.005].map(toCents)).toEqual([0, 10, 250, 380, 435, 1999, 101]);
  });
});

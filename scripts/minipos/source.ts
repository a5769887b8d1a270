// A mini_pos configuration as the importer reads it, the same for each of mini_pos's formats.
import type { Path } from "./findings.ts";

export type MiniposFormat = "v0.3.9" | "older" | "first";

export interface SourceProduct {
  name: string;
  price: number;
  path: Path;
}

export interface SourceCategory {
  name: string;
  path: Path;
  products: SourceProduct[];
}

export interface SourceBar {
  name: string;
  path: Path;
  categories: { name: string; path: Path }[];
}

export interface SourceTable {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  path: Path;
}

/** The ui options Mini POS has too (mini_pos's `ui.bar` and `ui.service`, or its flat `ui/…` keys). */
export interface SourceUi {
  auto_close?: boolean;
  show_completed?: number;
  timeout?: { warn: number; crit: number };
  show_category_names?: boolean;
  fold_categories?: boolean;
  order_overview?: boolean;
}

/** `category_color_map`: by category name, or (older format, as a list) by category number. */
export interface SourceColor {
  category: string | number;
  color: number;
  path: Path;
}

export interface MiniposSource {
  format: MiniposFormat;
  /** In the file's order, which decides the menu's order and which product gets `-2` on a clash. */
  categories: SourceCategory[];
  /** Absent when the file names no bars. */
  bars?: SourceBar[];
  grid: { columns: number; rows: number };
  tables: SourceTable[];
  ui: SourceUi;
  colors: SourceColor[];
}

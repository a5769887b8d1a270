// How a station screen lays out its tickets, chosen on the device and kept there (localStorage):
// normal, large text (read from two metres), or dense (more tickets on one screen).
export const DISPLAY_MODES = ["normal", "large", "dense"] as const;
export type DisplayMode = (typeof DISPLAY_MODES)[number];

const DISPLAY_KEY = "mini-pos.bar.display";

function stored(): DisplayMode {
  const value = typeof localStorage === "undefined" ? null : localStorage.getItem(DISPLAY_KEY);
  return DISPLAY_MODES.find((m) => m === value) ?? "normal";
}

class StationDisplay {
  #mode = $state<DisplayMode>(stored());

  get mode(): DisplayMode {
    return this.#mode;
  }

  /** The next mode, for the one button that switches between them; kept on the device. */
  next(): void {
    this.#mode = DISPLAY_MODES[(DISPLAY_MODES.indexOf(this.#mode) + 1) % DISPLAY_MODES.length]!;
    localStorage.setItem(DISPLAY_KEY, this.#mode);
  }
}

export const display = new StationDisplay();

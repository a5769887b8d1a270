// The display's chime when a number becomes ready: Web Audio, generated here (no sound files), a
// soft two-note "ding-dong" a guest hears across a tent without it sounding like the kitchen's beep.
// Browsers keep sound off until the page has had a tap; once sound was on, this screen remembers it
// (localStorage) and turns it on again at load where the browser allows (a TV in kiosk mode), else
// at the first tap anywhere, as the station screens do.
import { playTones } from "../lib/tones.ts";

const SOUND_KEY = "mini-pos.display.sound";

class Chime {
  #ctx: AudioContext | undefined;
  #running = $state(false);
  /** Sound was turned on on this screen before (kept across reloads). */
  readonly wanted = typeof localStorage !== "undefined" && localStorage.getItem(SOUND_KEY) === "on";

  get running(): boolean {
    return this.#running;
  }

  /** Inside a tap handler it always works; outside one only where the browser allows autoplay. */
  enable(): void {
    if (!this.#ctx) {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return;
      this.#ctx = new Ctor();
      this.#ctx.onstatechange = () => this.#noteState();
    }
    void this.#ctx.resume().then(() => this.#noteState(), () => undefined);
  }

  #noteState() {
    this.#running = this.#ctx?.state === "running";
    if (this.#running) localStorage.setItem(SOUND_KEY, "on");
  }

  /** E5 then C5, sine tones that fade out over a second. */
  play(): void {
    const ctx = this.#ctx;
    if (!ctx || ctx.state !== "running") return;
    playTones(ctx, "sine", [
      { at: 0, freq: 659.25, peak: 0.5, length: 1.1 },
      { at: 0.45, freq: 523.25, peak: 0.5, length: 1.1 },
    ]);
  }
}

export const chime = new Chime();

// The display's chime when a number becomes ready: Web Audio, generated here (no sound files), a
// soft two-note "ding-dong" a guest hears across a tent without it sounding like the kitchen's beep.
// Browsers keep sound off until the page has had a tap; once sound was on, this screen remembers it
// (localStorage) and turns it on again at load where the browser allows (a TV in kiosk mode), else
// at the first tap anywhere, as the station screens do.

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
    const start = ctx.currentTime + 0.01;
    for (const [offset, freq] of [
      [0, 659.25],
      [0.45, 523.25],
    ] as const) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.5, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 1.1);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 1.15);
    }
  }
}

export const chime = new Chime();

// The new-ticket beep (Web Audio, generated here: no sound files) and the screen wake lock.
import { playTones } from "../lib/tones.ts";

// ---------------------------------------------------------------------------------------------
// Sound

const SOUND_KEY = "mini-pos.bar.sound";

class Sound {
  #ctx: AudioContext | undefined;
  #running = $state(false);
  #muted = $state(typeof localStorage !== "undefined" && localStorage.getItem(SOUND_KEY) === "off");

  /** True once the browser lets this page play sound (it needs one tap or key press first). */
  get running(): boolean {
    return this.#running;
  }
  get muted(): boolean {
    return this.#muted;
  }

  /**
   * Must run inside a tap or key handler: browsers keep an AudioContext suspended until the page
   * has had a user gesture (Chrome's autoplay policy), so the screen shows an "enable sound" button.
   */
  enable(): void {
    if (!this.#ctx) {
      const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
      if (!Ctor) return;
      this.#ctx = new Ctor();
      this.#ctx.onstatechange = () => (this.#running = this.#ctx?.state === "running");
    }
    void this.#ctx.resume().then(() => (this.#running = this.#ctx?.state === "running"), () => undefined);
  }

  setMuted(muted: boolean): void {
    this.#muted = muted;
    localStorage.setItem(SOUND_KEY, muted ? "off" : "on");
    if (!muted) this.enable();
  }

  /** Two short high tones: audible over a noisy bar without being shrill. */
  beep(): void {
    const ctx = this.#ctx;
    if (!ctx || ctx.state !== "running" || this.#muted) return;
    playTones(ctx, "square", [
      { at: 0, freq: 880, peak: 0.25, length: 0.18 },
      { at: 0.22, freq: 1175, peak: 0.25, length: 0.18 },
    ]);
  }
}

export const sound = new Sound();

// ---------------------------------------------------------------------------------------------
// Wake lock

class ScreenWake {
  #sentinel: WakeLockSentinel | undefined;
  #active = $state(false);
  #users = 0;
  /** The Screen Wake Lock API exists only in secure contexts (HTTPS or localhost). */
  readonly supported = typeof navigator !== "undefined" && "wakeLock" in navigator;

  get active(): boolean {
    return this.#active;
  }

  /** Keeps the screen on while the page is visible; returns the release function. */
  use(): () => void {
    if (this.#users++ === 0) {
      document.addEventListener("visibilitychange", this.#onVisibility);
      void this.#acquire();
    }
    return () => {
      if (--this.#users > 0) return;
      document.removeEventListener("visibilitychange", this.#onVisibility);
      void this.#sentinel?.release().catch(() => undefined);
      this.#sentinel = undefined;
      this.#active = false;
    };
  }

  // The browser releases the lock whenever the page is hidden (tab switch, screen off); it has to
  // be requested again when the page becomes visible.
  #onVisibility = () => {
    if (document.visibilityState === "visible") void this.#acquire();
  };

  async #acquire() {
    if (!this.supported || document.visibilityState !== "visible" || (this.#sentinel && !this.#sentinel.released)) return;
    try {
      const sentinel = await navigator.wakeLock.request("screen");
      this.#sentinel = sentinel;
      this.#active = true;
      sentinel.addEventListener("release", () => {
        if (this.#sentinel === sentinel) this.#active = false;
      });
    } catch {
      // Refused (battery saver, policy): the screen works, it just may sleep.
      this.#active = false;
    }
  }
}

export const screenWake = new ScreenWake();

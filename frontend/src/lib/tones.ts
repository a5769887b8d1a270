// Short tones on a page's AudioContext: the station screens' beep and the guests' display chime.
// Each tone ramps up and down, so it starts and stops without a click.

export interface Tone {
  /** Seconds after now. */
  at: number;
  freq: number;
  /** Peak gain, 0–1. */
  peak: number;
  /** Seconds until it has faded out. */
  length: number;
}

export function playTones(ctx: AudioContext, type: OscillatorType, tones: readonly Tone[]): void {
  const start = ctx.currentTime + 0.01;
  for (const tone of tones) {
    const at = start + tone.at;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = tone.freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(tone.peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + tone.length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + tone.length + 0.02);
  }
}

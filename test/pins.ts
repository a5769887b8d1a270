// The PINs the tests log in with, read from the shipped configs so that they live in one place:
// change them in config.json (or examples/config.en.json) and every test follows. Imported by the
// worker tests (inside workerd, whose bundled config is config.json) and by the node and browser
// tests, so it reads the files as JSON imports, not from disk. A test that writes its own config
// with PINs of its own uses those instead.
import shipped from "../config.json";
import english from "../examples/config.en.json";

export interface Pins {
  waiter: string;
  station: string;
  admin: string;
}

const pinsOf = (access: { waiterPin: string; stationPin: string; adminPin: string }): Pins => ({ waiter: access.waiterPin, station: access.stationPin, admin: access.adminPin });

/** The PINs of config.json (German, stations bar and kitchen): what most tests run against. */
export const PINS: Readonly<Pins> = pinsOf(shipped.access);
/** The PINs of examples/config.en.json. */
export const ENGLISH_PINS: Readonly<Pins> = pinsOf(english.access);

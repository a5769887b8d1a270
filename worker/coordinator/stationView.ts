// What a station socket gets: the event's frames cut down to one station's screen (see
// StationDeltaFrame in protocol/frames.ts). The cut is the encoding half of the station codec in
// protocol/stationWire.ts, whose decoding half the station screens and the load scripts use; the
// snapshot, the catch-up and the live broadcast all cut through these two.
export { encodeStationDelta as stationFrame, encodeStationSnapshot as stationSnapshot } from "../protocol/stationWire.ts";

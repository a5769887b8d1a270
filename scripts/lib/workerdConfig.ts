// Two small edits of the binary (capnp) config miniflare generates for workerd, made before we run
// workerd ourselves (scripts/lib/workerd.ts). miniflare has no option for either, and the config has
// no public builder, so the message is edited in place: a single-segment capnp message, whose
// layout is workerd.capnp's (node_modules/workerd/workerd.capnp). Anything unexpected leaves the
// config as it is and says so; test/node/workerd-config.test.ts runs both on a real config.
//
// capnp wire format (https://capnproto.org/encoding.html): word 0 is the segment table, the root
// pointer follows. A struct pointer: bits 0–1 = 0, 2–31 offset in words from the pointer's end,
// 32–47 data words, 48–63 pointer words. A list pointer: bits 0–1 = 1, 2–31 offset, 32–34 element
// size (2 = bytes, 7 = structs behind a tag word), 35–63 element count (words for size 7).

const SEGMENT_START = 8; // one segment: [count - 1 = 0][size in words]

interface Struct {
  /** Byte offset of the data section. */
  data: number;
  dataWords: number;
  /** Byte offset of the pointer section. */
  pointers: number;
  pointerWords: number;
}

function pointerAt(message: Buffer, at: number): bigint {
  return message.readBigUInt64LE(at);
}

function structAt(message: Buffer, at: number): Struct | undefined {
  const pointer = pointerAt(message, at);
  if (pointer === 0n || (pointer & 3n) !== 0n) return undefined;
  const offset = BigInt.asIntN(30, (pointer >> 2n) & 0x3fffffffn);
  const data = at + 8 + Number(offset) * 8;
  const dataWords = Number((pointer >> 32n) & 0xffffn);
  const pointerWords = Number((pointer >> 48n) & 0xffffn);
  return { data, dataWords, pointers: data + dataWords * 8, pointerWords };
}

function textAt(message: Buffer, at: number): string | undefined {
  const pointer = pointerAt(message, at);
  if ((pointer & 3n) !== 1n || ((pointer >> 32n) & 7n) !== 2n) return undefined;
  const offset = BigInt.asIntN(30, (pointer >> 2n) & 0x3fffffffn);
  const start = at + 8 + Number(offset) * 8;
  const length = Number(pointer >> 35n) - 1; // without the NUL
  return message.toString("utf8", start, start + length);
}

function structListAt(message: Buffer, at: number): Struct[] {
  const pointer = pointerAt(message, at);
  if ((pointer & 3n) !== 1n || ((pointer >> 32n) & 7n) !== 7n) return [];
  const offset = BigInt.asIntN(30, (pointer >> 2n) & 0x3fffffffn);
  const tag = at + 8 + Number(offset) * 8;
  const tagWord = pointerAt(message, tag);
  const count = Number((tagWord >> 2n) & 0x3fffffffn);
  const dataWords = Number((tagWord >> 32n) & 0xffffn);
  const pointerWords = Number((tagWord >> 48n) & 0xffffn);
  const size = (dataWords + pointerWords) * 8;
  return Array.from({ length: count }, (_, index) => {
    const data = tag + 8 + index * size;
    return { data, dataWords, pointers: data + dataWords * 8, pointerWords };
  });
}

function rootOf(message: Buffer): Struct | undefined {
  if (message.length < 16 || message.readUInt32LE(0) !== 0) return undefined; // one segment expected
  return structAt(message, SEGMENT_START);
}

/**
 * The config with structured logging off, so workerd's lines (the worker's console.error among
 * them) are plain text on our output instead of JSON: bit 0 of the root struct's data section
 * (`Config.structuredLogging`).
 */
export function withPlainLogging(config: Uint8Array): Buffer {
  const copy = Buffer.from(config);
  const root = rootOf(copy);
  if (!root || root.dataWords < 1 || root.data >= copy.length) return copy;
  copy[root.data] = copy[root.data]! & 0xfe;
  return copy;
}

/**
 * The config with socket `socketName` (miniflare's "entry") bound straight to `serviceName`'s
 * default entrypoint (our worker, "core:user:<name>") instead of miniflare's entry worker.
 *
 * Why: on its way to our code every request passed three JavaScript workers in front of ours
 * (miniflare's entry worker, the assets RPC proxy and the assets router), each a copy of the
 * request and response and a hop between isolates: most of workerd's time per order (issue 12's
 * profile). Our worker needs none of them: it serves the API itself and passes every other path
 * to the assets binding (worker/index.ts), as the router would. What the entry worker did on the
 * way that we keep is the compression of the app's files (worker/http/compression.ts).
 *
 * Returns undefined, changing nothing, if the config is not shaped as expected (another miniflare).
 */
export function withSocketServedBy(config: Uint8Array, socketName: string, serviceName: string): Buffer | undefined {
  const message = Buffer.from(config);
  const root = rootOf(message);
  if (!root || root.pointerWords < 2) return undefined;
  const services = structListAt(message, root.pointers);
  if (!services.some((service) => service.pointerWords > 0 && textAt(message, service.pointers) === serviceName)) return undefined;
  const socket = structListAt(message, root.pointers + 8).find((s) => s.pointerWords > 0 && textAt(message, s.pointers) === socketName);
  if (!socket) return undefined;
  // Socket.service is a ServiceDesignator (name @0, entrypoint @1); find it by the struct its name is in.
  let designator: Struct | undefined;
  for (let slot = 0; slot < socket.pointerWords && !designator; slot++) {
    const candidate = structAt(message, socket.pointers + slot * 8);
    if (candidate && candidate.pointerWords >= 2 && textAt(message, candidate.pointers)?.startsWith("core:")) designator = candidate;
  }
  if (!designator || pointerAt(message, designator.pointers + 8) !== 0n) return undefined; // a named entrypoint: not ours

  // The new name goes at the end of the segment; the old one stays behind, unreferenced.
  const text = Buffer.from(`${serviceName}\0`, "utf8");
  const words = Math.ceil(text.length / 8);
  const grown = Buffer.alloc(message.length + words * 8);
  message.copy(grown);
  text.copy(grown, message.length);
  grown.writeUInt32LE(message.readUInt32LE(4) + words, 4);
  const offset = BigInt((message.length - (designator.pointers + 8)) / 8);
  grown.writeBigUInt64LE(1n | (offset << 2n) | (2n << 32n) | (BigInt(text.length) << 35n), designator.pointers);
  return grown;
}

/**
 * The config with the network service `serviceName` (miniflare's "internet", which connect() and
 * fetch() of our worker reach through miniflare's outbound worker) allowed only the address blocks
 * `allow` (workerd's `Network.allow`: CIDR blocks or "private", "local", "public", …).
 *
 * Why: miniflare allows "public" and "private" there. The worker's only outbound traffic on site is
 * printing (connect() to printers on the LAN, worker/print/sender.ts); "private" (10/8, 172.16/12,
 * 192.168/16, 127/8, link-local, fc00::/7, …; a superset of "local") is exactly that, so nothing the
 * worker does can reach the internet. Returns undefined, changing nothing, if the config is not
 * shaped as expected.
 */
export function withNetworkAllow(config: Uint8Array, serviceName: string, allow: readonly string[]): Buffer | undefined {
  const message = Buffer.from(config);
  const root = rootOf(message);
  if (!root || root.pointerWords < 1 || !allow.length) return undefined;
  const service = structListAt(message, root.pointers).find((s) => s.pointerWords >= 2 && s.dataWords >= 1 && textAt(message, s.pointers) === serviceName);
  // Service: name @0 (pointer 0); its union (worker, network, external, …) shares pointer 1, the discriminant is data bits 0–15 (network = 2).
  if (!service || message.readUInt16LE(service.data) !== 2) return undefined;
  const network = structAt(message, service.pointers + 8);
  if (!network || network.pointerWords < 1) return undefined;

  // The new List(Text) goes at the end of the segment: its pointers, then the texts.
  const texts = allow.map((a) => Buffer.from(`${a}\0`, "utf8"));
  const textWords = texts.map((t) => Math.ceil(t.length / 8));
  const extraWords = allow.length + textWords.reduce((a, b) => a + b, 0);
  const grown = Buffer.alloc(message.length + extraWords * 8);
  message.copy(grown);
  const listStart = message.length;
  let textStart = listStart + allow.length * 8;
  texts.forEach((text, i) => {
    const at = listStart + i * 8;
    text.copy(grown, textStart);
    const offset = BigInt((textStart - (at + 8)) / 8);
    grown.writeBigUInt64LE(1n | (offset << 2n) | (2n << 32n) | (BigInt(text.length) << 35n), at);
    textStart += textWords[i]! * 8;
  });
  grown.writeUInt32LE(message.readUInt32LE(4) + extraWords, 4);
  const offset = BigInt((listStart - (network.pointers + 8)) / 8);
  grown.writeBigUInt64LE(1n | (offset << 2n) | (6n << 32n) | (BigInt(allow.length) << 35n), network.pointers); // element size 6: pointers
  return grown;
}

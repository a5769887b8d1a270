// Can this machine run the server? workerd's linux-arm64 build has tcmalloc compiled in, which
// assumes a 48-bit virtual address space: on a kernel with fewer address bits (Raspberry Pi OS's
// 4K-page kernel8.img has 39) it aborts right at start, and miniflare then only says
// `Error: write EPIPE`. `npm start` asks before it starts workerd, and explains an abort it meets
// anyway (issue 12; the experiment behind the figures is scripts/pi/).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/** The fewest address bits an arm64 kernel can have for workerd: the Pi 5's default kernel has 47. */
export const MIN_ADDRESS_BITS = 47;

/**
 * The size of the address space a process gets, in bits, read from /proc/self/maps: the bit length
 * of the last byte of the highest mapping. On a real kernel that is the stack, just below the top
 * (39, 47 and 48 in the three kernels of issue 12); under qemu-user the stack sits low, but the
 * highest mapping still ends at the top of the guest's space. Kernel addresses (x86's [vsyscall]
 * at 0xffffffffff600000) are not the process's and are skipped. Undefined if there is no mapping.
 */
export function addressBitsFromMaps(maps: string): number | undefined {
  let highest = 0n;
  for (const line of maps.split("\n")) {
    const range = /^([0-9a-f]+)-([0-9a-f]+)\s/i.exec(line);
    if (!range) continue;
    const end = BigInt(`0x${range[2]}`);
    if (end > 1n << 63n) continue;
    if (end > highest) highest = end;
  }
  return highest > 0n ? (highest - 1n).toString(2).length : undefined;
}

export interface MachineFacts {
  platform: string;
  arch: string;
  /** Only known (and only needed) on linux-arm64. */
  addressBits?: number;
}

export type MachineVerdict = { ok: true } | { ok: false; message: string };

const CHECK_COMMAND = "grep ARM64_VA_BITS= /boot/config-$(uname -r)";

/**
 * What a volunteer reads when the server cannot run here: which Pi and OS work, and how to check.
 * `bits` is what /proc/self/maps said; undefined when workerd aborted although the check passed.
 */
export function addressSpaceMessage(bits: number | undefined): string {
  const why =
    bits === undefined
      ? [
          "The Mini POS server's runtime (workerd) stopped at start: it could not reserve its memory",
          `(tcmalloc: "MmapAligned() failed"). It needs a ${MIN_ADDRESS_BITS}-bit address space on 64-bit ARM, and no`,
          "limit on virtual memory (ulimit -v). No setting of Mini POS changes that.",
        ]
      : [
          `This machine cannot run the Mini POS server: its kernel gives programs a ${bits}-bit address space,`,
          `and the server's runtime (workerd) needs at least ${MIN_ADDRESS_BITS} bits on 64-bit ARM. No setting of Mini POS changes that.`,
        ];
  return [
    ...why,
    "",
    "What works:",
    "  - Raspberry Pi 5 with Raspberry Pi OS 64-bit and its default kernel (kernel_2712.img, 47 bits).",
    "    If /boot/firmware/config.txt has a line kernel=kernel8.img, remove it and reboot.",
    "  - Any 64-bit ARM machine whose kernel has 48-bit addresses, and any x86-64 PC or laptop.",
    "What does not: Raspberry Pi OS's kernel8.img (Pi 3, 4, 400, CM4, Zero 2 W; 39 bits).",
    "  On a Pi 4, use an OS whose kernel has 48-bit addresses, such as Debian 12's Raspberry Pi image (raspi.debian.net; check it as below), or a Pi 5 or a laptop.",
    "",
    `Check a kernel:  ${CHECK_COMMAND}`,
    `  CONFIG_ARM64_VA_BITS=47 or 48 works; 39 or 42 does not. See "Raspberry Pi" in the README.`,
  ].join("\n");
}

/** The decision, apart from how the facts were found (so it can be tested on any machine). */
export function judgeMachine(facts: MachineFacts): MachineVerdict {
  if (facts.platform !== "linux" || facts.arch !== "arm64") return { ok: true };
  // Unreadable maps: do not refuse a machine on a guess; an abort is still explained later.
  if (facts.addressBits === undefined || facts.addressBits >= MIN_ADDRESS_BITS) return { ok: true };
  return { ok: false, message: addressSpaceMessage(facts.addressBits) };
}

/** This process's facts: the platform, and on linux-arm64 the address bits from /proc/self/maps. */
export function machineFacts(): MachineFacts {
  const facts: MachineFacts = { platform: process.platform, arch: process.arch };
  if (facts.platform === "linux" && facts.arch === "arm64") {
    try {
      facts.addressBits = addressBitsFromMaps(readFileSync("/proc/self/maps", "utf8"));
    } catch {
      // no /proc: leave it unknown
    }
  }
  return facts;
}

export function checkMachine(): MachineVerdict {
  return judgeMachine(machineFacts());
}

/** tcmalloc's lines when it cannot place its memory (workerd then aborts). */
export function isAddressSpaceAbort(output: string): boolean {
  return /MmapAligned\(\) failed|TCMalloc assumes a 48-bit virtual address space/.test(output);
}

/** The workerd binary miniflare runs (MINIFLARE_WORKERD_PATH overrides it, as in miniflare). */
export function workerdBinary(): string {
  if (process.env.MINIFLARE_WORKERD_PATH) return process.env.MINIFLARE_WORKERD_PATH;
  const workerd = createRequire(import.meta.url)("workerd") as { default: string };
  return workerd.default;
}

/**
 * After a start failed for no reason we know: does workerd abort with tcmalloc's address-space
 * message? `workerd --version` is enough to meet it (0.1–0.5 s), and it does not depend on how the
 * server collects workerd's output (the failure itself may only say `write EPIPE`).
 */
export function runtimeAbortsHere(binary = workerdBinary()): boolean {
  // Natively well under a second; under qemu-user on a loaded machine (the tests) up to a minute.
  const run = spawnSync(binary, ["--version"], { encoding: "utf8", timeout: 90_000 });
  return isAddressSpaceAbort(`${run.stdout ?? ""}${run.stderr ?? ""}`);
}

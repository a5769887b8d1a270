// The /init of the initramfs debian-kernel.ts boots: a busybox shell script that reports what a
// Pi owner would check (kernel, address bits, `node scripts/pi/check.ts`) and then starts workerd
// and requests a page from inside the guest, on loopback. Every report line starts with "@@ " on
// the serial console, so the host can tell them from the kernel's own lines. Node (guestProbe.mjs,
// copied to /probe.mjs) makes the requests.

/** What the guest runs workerd with, and what it asks for. */
export interface GuestService {
  /** A label for the report lines ("hello", "mini-pos"). */
  name: string;
  /** The workerd command line after `workerd` (paths inside the guest). */
  args: string[];
  /** Requests made once it listens, in order (guestProbe.mjs): the first is repeated until it answers. */
  requests: GuestRequest[];
  port: number;
}

export interface GuestRequest {
  path: string;
  /** Text the answer must contain. */
  expect: string;
  method?: string;
  /** JSON; "$uuid" becomes a new UUID, "$version" the remembered value. */
  body?: string;
  /** A top-level field of the JSON answer to remember as "$<name>". */
  remember?: string;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function serviceScript(service: GuestService): string {
  return `
say "${service.name} start $(up)"
workerd ${service.args.map(quote).join(" ")} > /tmp/${service.name}.out 2>&1 &
pid=$!
node /probe.mjs ${service.name} ${service.port} $pid ${quote(JSON.stringify(service.requests))}
kill $pid 2>/dev/null; sleep 1
grep -v -F 'compile cache failed its compatibility check' /tmp/${service.name}.out | head -c 4000 | sed 's/^/@@ ${service.name} output: /'
`;
}

export function guestInit(services: GuestService[]): string {
  return `#!/bin/busybox sh
/bin/busybox mkdir -p /proc /sys /dev /tmp /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
ip link set lo up
export PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin HOME=/root TZ=UTC
export LD_LIBRARY_PATH=/lib/aarch64-linux-gnu:/usr/lib/aarch64-linux-gnu
say() { echo "@@ $*"; }
up() { cut -d' ' -f1 /proc/uptime; }
say "booted $(up)"
say "kernel $(uname -r) $(uname -m)"
say "cpu part $(grep -m1 'CPU part' /proc/cpuinfo | sed 's/.*: //'), $(grep -c ^processor /proc/cpuinfo) cores, $(grep MemTotal /proc/meminfo | tr -s ' ')"
say "grep $(grep ARM64_VA_BITS= /boot/config-$(uname -r))"
say "stack $(grep '\\[stack\\]' /proc/self/maps)"
node /mini-pos/scripts/pi/check.ts > /tmp/check.out 2>&1
code=$?
sed 's/^/@@ check: /' /tmp/check.out
say "check exit $code $(up)"
${services.map(serviceScript).join("")}
say "done $(up)"
poweroff -f
`;
}

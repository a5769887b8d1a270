// A folder written as an uncompressed "newc" cpio archive, the format the Linux kernel unpacks as
// its initramfs (Documentation/filesystems/ramfs-rootfs-initramfs.rst). debian-kernel.ts boots
// Debian's arm64 kernel with one; written here because the host need not have `cpio` installed.
// Files, folders and symbolic links only; everything owned by root.
import { closeSync, lstatSync, openSync, readFileSync, readdirSync, readlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

const pad4 = (length: number) => (4 - (length % 4)) % 4;

function header(name: string, mode: number, size: number, ino: number, mtime: number): Buffer {
  const fields = [ino, mode, 0, 0, 1, mtime, size, 0, 0, 0, 0, Buffer.byteLength(name) + 1, 0];
  const text = `070701${fields.map((f) => f.toString(16).padStart(8, "0")).join("")}${name}\0`;
  return Buffer.concat([Buffer.from(text), Buffer.alloc(pad4(text.length))]);
}

/** Writes `folder`'s contents to `archive` (paths relative to the folder, as the guest's /). */
export function writeCpio(folder: string, archive: string): void {
  const out = openSync(archive, "w");
  let ino = 1;
  const entry = (name: string, mode: number, body: Buffer, mtime: number) => {
    writeSync(out, header(name, mode, body.length, ino++, mtime));
    writeSync(out, body);
    writeSync(out, Buffer.alloc(pad4(body.length)));
  };
  const walk = (relative: string) => {
    for (const name of readdirSync(join(folder, relative)).sort()) {
      const path = relative ? `${relative}/${name}` : name;
      const stat = lstatSync(join(folder, path));
      const mtime = Math.floor(stat.mtimeMs / 1000);
      if (stat.isSymbolicLink()) entry(path, 0o120777, Buffer.from(readlinkSync(join(folder, path))), mtime);
      else if (stat.isDirectory()) {
        entry(path, 0o040000 | (stat.mode & 0o7777), Buffer.alloc(0), mtime);
        walk(path);
      } else if (stat.isFile()) entry(path, 0o100000 | (stat.mode & 0o7777), readFileSync(join(folder, path)), mtime);
    }
  };
  walk("");
  entry("TRAILER!!!", 0, Buffer.alloc(0), 0);
  closeSync(out);
}

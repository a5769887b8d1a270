// `npx node scripts/pi/check.ts`: the machine check `npm start` runs first, on its own: can this
// machine run the server? Exit 0 if so, 1 with the explanation if not. It loads nothing else, so it
// runs quickly under qemu-aarch64 too (test/node/pi-check.test.ts runs it there).
import { checkMachine, machineFacts } from "../lib/machineCheck.ts";

const facts = machineFacts();
const verdict = checkMachine();
const bits = facts.addressBits === undefined ? "" : `, ${facts.addressBits}-bit address space`;
console.log(`${facts.platform}-${facts.arch}${bits}`);
if (verdict.ok) {
  console.log("This machine can run the Mini POS server.");
} else {
  console.error(verdict.message);
  process.exit(1);
}

// `npm run check-config [FILE]`: the same report `npm start` prints, without starting.
import { printReport, readConfigFile } from "./lib/configFile.ts";

const file = process.argv[2] ?? "config.json";
process.exit(printReport(readConfigFile(file)) ? 0 : 1);

// The browser build of papaparse has the same API as the package's main file (typed by
// @types/papaparse) without its Node stream code, which the worker bundle cannot resolve.
declare module "papaparse/papaparse.min.js" {
  import Papa from "papaparse";
  export default Papa;
}

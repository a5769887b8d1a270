// The `workerd` package's main export (it ships no types): the path of the runtime binary.
declare module "workerd" {
  const binaryPath: string;
  export default binaryPath;
  export const version: string;
  export const compatibilityDate: string;
}

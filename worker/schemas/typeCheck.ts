// A compile-time check that a schema's output is exactly the protocol's interface, so the two
// cannot drift: `assertEqual<z.output<typeof s>, Body>(true)` fails `npm run typecheck` when a
// field is added, dropped or typed differently on one side only.

/** true when A and B are the same type (optional and readonly modifiers included), else false. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when `Equals<A, B>` is true; does nothing when it runs. */
export function assertEqual<A, B>(_same: Equals<A, B>): void {}

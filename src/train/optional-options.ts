/**
 * Every field of T optional, and `undefined` accepted where a value is (so options pass through
 * with `exactOptionalPropertyTypes`: `{ epochs: maybe }` where maybe is `number | undefined`).
 */
export type OptionalOptions<T> = { [K in keyof T]?: T[K] | undefined };

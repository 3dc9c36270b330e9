/** Word helpers shared by the random-number tests: hex fixtures in and out, and a small input generator. */

/** A 32-bit word from an 8-digit hex string (the KAT fixtures' format). */
export const hex = (h: string): number => parseInt(h, 16);

/** A 32-bit word as 8 hex digits. */
export const toHex = (x: number): string => x.toString(16).padStart(8, '0');

/** Small deterministic word generator for test inputs (xorshift32). */
export function xorshift32(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>>= 0);
  };
}

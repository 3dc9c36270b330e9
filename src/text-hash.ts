/**
 * FNV-1a over UTF-16 code units, two 32-bit lanes (16 hex digits): a fast
 * fingerprint for cache keys and for telling experiments apart, not a
 * cryptographic hash.
 */
export function textHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

/** The same two-lane FNV-1a fingerprint over the 32-bit words of binary data (its length a multiple of 4 bytes). */
export function wordsHash(data: ArrayBufferView): string {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < words.length; i++) {
    h1 = Math.imul(h1 ^ words[i], 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ words[i], 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}

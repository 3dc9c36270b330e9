// Library: Philox4x32-10 counter-based random bits.
//
// Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC'11 (Random123), §4.2, with its
// constants: multipliers M0 = 0xD2511F53, M1 = 0xCD9E8D57, Weyl key increments
// W0 = 0x9E3779B9, W1 = 0xBB67AE85, 10 rounds.
// Bit-exact twin: src/rng/philox.ts; checked against the Random123
// known-answer vectors (test/fixtures/philox-kat.json) on CPU and GPU.
// Random numbers: one call maps a 128-bit counter and a 64-bit key to 128
// random bits (4 × u32); it has no state. Stream version 1 drew with it; stream
// version 2 draws with Threefry (lib/rng_streams.wgsl). Still used for
// philox_mulhilo, the exact 32×32→64 product behind the mini-batch index maps.
// Accuracy: exact integer arithmetic. WGSL has no u64, so the high word of the
// 32×32→64-bit product is assembled from 16-bit limbs (no u32 overflow).

const PHILOX_M0: u32 = 0xD2511F53u;
const PHILOX_M1: u32 = 0xCD9E8D57u;
const PHILOX_W0: u32 = 0x9E3779B9u;
const PHILOX_W1: u32 = 0xBB67AE85u;

// Full 64-bit product a·b as (x = low word, y = high word).
fn philox_mulhilo(a: u32, b: u32) -> vec2<u32> {
  let a_lo = a & 0xFFFFu;
  let a_hi = a >> 16u;
  let b_lo = b & 0xFFFFu;
  let b_hi = b >> 16u;
  // Each partial product of two 16-bit limbs fits in a u32.
  let ll = a_lo * b_lo;
  let lh = a_lo * b_hi;
  let hl = a_hi * b_lo;
  let hh = a_hi * b_hi;
  // Bits 16.. of the low word plus the low limbs of the cross terms: at most 3·(2^16 − 1) < 2^18.
  let mid = (ll >> 16u) + (lh & 0xFFFFu) + (hl & 0xFFFFu);
  let hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  return vec2<u32>(a * b, hi);
}

fn philox_round(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  let p0 = philox_mulhilo(PHILOX_M0, ctr.x);
  let p1 = philox_mulhilo(PHILOX_M1, ctr.z);
  return vec4<u32>(p1.y ^ ctr.y ^ key.x, p1.x, p0.y ^ ctr.w ^ key.y, p0.x);
}

// Philox4x32-10 of counter (c0, c1, c2, c3) under key (k0, k1).
fn philox4x32_10(ctr: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = philox_round(ctr, key);
  var k = key;
  for (var i = 1u; i < 10u; i++) {
    k += vec2<u32>(PHILOX_W0, PHILOX_W1);
    c = philox_round(c, k);
  }
  return c;
}

// Library: Threefry4x32-20 counter-based random bits.
//
// Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel
// random numbers: as easy as 1, 2, 3", SC'11 (Random123), §4.1, after the
// Threefish cipher of Skein: rotation constants R_32x4 = {10,26}, {11,21},
// {13,27}, {23,5}, {6,20}, {17,11}, {25,10}, {18,20}, key-schedule parity
// 0x1BD11BDA, a key injection every 4 rounds, 20 rounds.
// Bit-exact twin: src/rng/threefry.ts; checked against the Random123
// known-answer vectors (test/fixtures/threefry-kat.json) on CPU and GPU.
// Random numbers: one call maps a 128-bit counter and a 128-bit key to 128
// random bits (4 × u32); it has no state. Only adds, rotations and xors — no
// 32×32→64 product, which WGSL lacks and lib/philox.wgsl has to emulate.
// The generator of stream version 2 (lib/rng_streams.wgsl), chosen over
// Philox4x32-10 by measurement (docs/results/rng-generators.md).
// Accuracy: exact integer arithmetic (u32 wraps modulo 2^32, as Threefry needs).

const THREEFRY_PARITY: u32 = 0x1BD11BDAu;

fn threefry_rotl(x: u32, r: u32) -> u32 {
  return (x << r) | (x >> (32u - r));
}

// Rounds 0–3 of each 8 (rotations R0…R3), then the next 4 use R4…R7.
// Even rounds mix (x0, x1) and (x2, x3); odd rounds mix (x0, x3) and (x2, x1).
fn threefry_rounds_0_3(v: vec4<u32>) -> vec4<u32> {
  var x = v;
  x.x += x.y; x.y = threefry_rotl(x.y, 10u) ^ x.x;
  x.z += x.w; x.w = threefry_rotl(x.w, 26u) ^ x.z;
  x.x += x.w; x.w = threefry_rotl(x.w, 11u) ^ x.x;
  x.z += x.y; x.y = threefry_rotl(x.y, 21u) ^ x.z;
  x.x += x.y; x.y = threefry_rotl(x.y, 13u) ^ x.x;
  x.z += x.w; x.w = threefry_rotl(x.w, 27u) ^ x.z;
  x.x += x.w; x.w = threefry_rotl(x.w, 23u) ^ x.x;
  x.z += x.y; x.y = threefry_rotl(x.y, 5u) ^ x.z;
  return x;
}

fn threefry_rounds_4_7(v: vec4<u32>) -> vec4<u32> {
  var x = v;
  x.x += x.y; x.y = threefry_rotl(x.y, 6u) ^ x.x;
  x.z += x.w; x.w = threefry_rotl(x.w, 20u) ^ x.z;
  x.x += x.w; x.w = threefry_rotl(x.w, 17u) ^ x.x;
  x.z += x.y; x.y = threefry_rotl(x.y, 11u) ^ x.z;
  x.x += x.y; x.y = threefry_rotl(x.y, 25u) ^ x.x;
  x.z += x.w; x.w = threefry_rotl(x.w, 10u) ^ x.z;
  x.x += x.w; x.w = threefry_rotl(x.w, 18u) ^ x.x;
  x.z += x.y; x.y = threefry_rotl(x.y, 20u) ^ x.z;
  return x;
}

// Threefry4x32-20 of counter (c0, c1, c2, c3) under key (k0, k1, k2, k3).
// Key schedule ks = (k0, k1, k2, k3, parity ^ k0 ^ k1 ^ k2 ^ k3); injection
// r (after round 4r) adds ks[(r + i) mod 5] to word i and r to word 3.
fn threefry4x32_20(ctr: vec4<u32>, key: vec4<u32>) -> vec4<u32> {
  let k4 = THREEFRY_PARITY ^ key.x ^ key.y ^ key.z ^ key.w;
  var x = ctr + key;
  x = threefry_rounds_0_3(x) + vec4<u32>(key.y, key.z, key.w, k4 + 1u);
  x = threefry_rounds_4_7(x) + vec4<u32>(key.z, key.w, k4, key.x + 2u);
  x = threefry_rounds_0_3(x) + vec4<u32>(key.w, k4, key.x, key.y + 3u);
  x = threefry_rounds_4_7(x) + vec4<u32>(k4, key.x, key.y, key.z + 4u);
  x = threefry_rounds_0_3(x) + vec4<u32>(key.x, key.y, key.z, key.w + 5u);
  return x;
}

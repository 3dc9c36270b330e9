// #include "lib/threefry.wgsl"
// #include "lib/random.wgsl"

// Library: the random stream layout — which Threefry counter each random number
// comes from (stream contract version RNG_STREAM_VERSION).
//
// Reference: Salmon et al., SC'11 (Threefry4x32-20, lib/threefry.wgsl); Wichura
// 1988, AS241 PPND7 (normals, lib/random.wgsl). Twin: src/rng/streams.ts.
// Key: (k0, k1) from the run's seed through seedrandom (src/rng/seed.ts),
// k2 = the run's noise replica (0 unless the run asks for independent noise),
// k3 = 0 (reserved).
// Counter of every purpose but NOISE: c0 = trajectory index, low 32 bits;
// c1 = step index; c2 = purpose << 16 | block; c3 = trajectory index, high bits.
// One call per (trajectory, step, purpose, block) gives 4 numbers; a consumer
// needing more per step uses blocks 0, 1, 2, ….
// NOISE (Brownian increments) is packed densely on the experiment's finest
// grid instead: normal n = j·d + i (fine step j, coordinate i) is word n mod 4
// of block b = ⌊n/4⌋, counter (trajectory lo, b mod 2^32, ⌊b/2^32⌋, trajectory
// hi) — see lib/brownian.wgsl.
// Purposes have disjoint counter spaces, so adding draws to one purpose never
// shifts another. Every number is a pure function of (key, trajectory, step,
// purpose, block) — never of a thread id, chunk offset or dispatch order.
// Accuracy: rng_uniform4 is bit-identical to the CPU's uniforms4Into;
// rng_normal4 matches normals4Into to f32 rounding (see lib/random.wgsl).

const RNG_STREAM_VERSION: u32 = 2u;

const RNG_PURPOSE_NOISE: u32 = 0u;
const RNG_PURPOSE_MINIBATCH: u32 = 1u;
const RNG_PURPOSE_INIT: u32 = 2u;
const RNG_PURPOSE_STEPSIZE: u32 = 3u;
const RNG_PURPOSE_SWITCH: u32 = 4u;
const RNG_PURPOSE_BRIDGE: u32 = 5u;
const RNG_PURPOSE_SUBSTEP: u32 = 6u;
const RNG_PURPOSE_TEST: u32 = 0xFFFFu;

// Counter of (trajectory, step, purpose, block). purpose and block are 16-bit;
// a larger block is wrapped into its own purpose rather than spilling into the
// next purpose's counters (the host rejects it).
fn rng_counter(traj_lo: u32, traj_hi: u32, step: u32, purpose: u32, block: u32) -> vec4<u32> {
  return vec4<u32>(traj_lo, step, (purpose << 16u) | (block & 0xFFFFu), traj_hi);
}

// The 4 standard normals of (key, trajectory, step, purpose, block).
fn rng_normal4(key: vec4<u32>, traj_lo: u32, traj_hi: u32, step: u32, purpose: u32, block: u32) -> vec4<f32> {
  return random_normal4(threefry4x32_20(rng_counter(traj_lo, traj_hi, step, purpose, block), key));
}

// The 4 uniforms in (0, 1) of (key, trajectory, step, purpose, block).
fn rng_uniform4(key: vec4<u32>, traj_lo: u32, traj_hi: u32, step: u32, purpose: u32, block: u32) -> vec4<f32> {
  return random_uniform4(threefry4x32_20(rng_counter(traj_lo, traj_hi, step, purpose, block), key));
}

// Library: the Brownian increments of a step, from the dense NOISE stream
// (stream version 2).
//
// Reference: stream contract in src/rng/streams.ts (BrownianStream is the
// float64 twin); coupling of step sizes as in Giles, "Multilevel Monte Carlo
// path simulation", Oper. Res. 56 (2008) §3: a coarse step sums the Brownian
// increments of the fine steps it covers.
// Random numbers: normal n = j·DIM + i (fine step j, coordinate i) is word
// n mod 4 of NOISE block ⌊n/4⌋ (lib/trajectory.wgsl). A step of this run spans
// 2^BROWNIAN_REFINE_LOG2 fine steps, so step k's unit increment is
//   z_i = 2^(−r/2) Σ_{m < 2^r} N((k·2^r + m)·DIM + i),
// and runs of one experiment with steps h_min·2^r see one Brownian path.
// The kernel fills `brownian_z` before each step (kernels/integrate.wgsl);
// noise and dynamics modules read it. Where BROWNIAN_NORMALS is not a multiple
// of 4, BROWNIAN_GROUP consecutive steps share whole blocks: the kernel draws
// the group's blocks once (`brownian_group`) and takes each step's normals
// from them (`brownian_take`) — at d = 1 one block feeds four steps. The
// numbers do not depend on whether a step was grouped (a dispatch may begin
// or end inside a group).
// Parameters (preamble): BROWNIAN_REFINE_LOG2, BROWNIAN_GROUP (1, 2 or 4),
// BROWNIAN_GROUP_WORDS (BROWNIAN_GROUP · BROWNIAN_NORMALS ≤ 32, or 1 when not
// grouped; src/ensemble/kernels.ts, brownianLayout).
// Accuracy: f32 sums of the f32 normals; the float64 twin sums in the same order.

// #include "lib/philox.wgsl"

const BROWNIAN_FINE_STEPS: u32 = 1u << BROWNIAN_REFINE_LOG2;
const BROWNIAN_NORMALS: u32 = BROWNIAN_FINE_STEPS * DIM;

// The current step's DIM unit Brownian normals.
var<private> brownian_z: State;
// A group's normals, fine-grid order.
var<private> brownian_group_z: array<f32, BROWNIAN_GROUP_WORDS>;

// Block (lo, hi) and lane of normal k·BROWNIAN_NORMALS, the first of step k
// (the product needs up to 64 bits: fine steps < 2^32, DIM ≤ 2^16; it is
// lib/philox.wgsl's exact 32×32→64 multiply).
fn brownian_first(k: u32) -> vec3<u32> {
  if (BROWNIAN_NORMALS == 1u) {
    return vec3<u32>(k >> 2u, 0u, k & 3u);
  }
  let n = philox_mulhilo(k, BROWNIAN_NORMALS);
  return vec3<u32>((n.x >> 2u) | (n.y << 30u), n.y >> 2u, n.x & 3u);
}

// Step k's increment into brownian_z, drawing its blocks. Three shapes, chosen
// by constants:
// - a step of whole blocks (BROWNIAN_NORMALS a multiple of 4): its blocks, as
//   stream version 1 drew them;
// - grouped runs (the kernel takes this path only for steps outside an aligned
//   group, at most BROWNIAN_GROUP − 1 at each end of a dispatch): one block draw
//   per normal, the least code — a refill branch would be compiled in whole and
//   run masked on SIMD software rasterizers, slowing every step;
// - otherwise (many normals a step, not a multiple of 4): a block whenever the
//   lane runs out, at most two partial blocks drawn twice.
// The sum is kept in a local copy: its index may stay dynamic (loops holding a
// generator call need not be unrolled), and a dynamic index would move
// brownian_z itself out of registers for every step.
fn brownian_step(k: u32, stream: TrajectoryStream) {
  let first = brownian_first(k);
  var z: State;
  for (var i = 0u; i < DIM; i++) {
    z[i] = 0.0;
  }
  if (BROWNIAN_NORMALS % 4u == 0u) {
    var words: vec4<u32>;
    for (var t = 0u; t < BROWNIAN_NORMALS; t++) {
      if ((t & 3u) == 0u) {
        let block_lo = first.x + (t >> 2u);
        words = trajectory_brownian_words(stream, block_lo, first.y + select(0u, 1u, block_lo < first.x));
      }
      z[t % DIM] += random_normal(words[t & 3u]);
    }
  } else if (BROWNIAN_GROUP > 1u) {
    for (var t = 0u; t < BROWNIAN_NORMALS; t++) {
      let n = first.z + t; // lane of normal t, counted from the first normal's block
      let block_lo = first.x + (n >> 2u);
      let block_hi = first.y + select(0u, 1u, block_lo < first.x);
      z[t % DIM] += random_normal(trajectory_brownian_words(stream, block_lo, block_hi)[n & 3u]);
    }
  } else {
    var block_lo = first.x;
    var block_hi = first.y;
    var lane = first.z;
    var words = trajectory_brownian_words(stream, block_lo, block_hi);
    for (var t = 0u; t < BROWNIAN_NORMALS; t++) {
      if (lane == 4u) {
        lane = 0u;
        block_lo += 1u;
        block_hi += select(0u, 1u, block_lo == 0u);
        words = trajectory_brownian_words(stream, block_lo, block_hi);
      }
      z[t % DIM] += random_normal(words[lane]);
      lane += 1u;
    }
  }
  brownian_z = z;
  brownian_scale();
}

// The normals of steps k … k + BROWNIAN_GROUP − 1 into brownian_group_z
// (k a multiple of BROWNIAN_GROUP, so the group starts on a block). The
// blocks are written out, each behind a constant condition, so that every
// index into brownian_group_z is a constant and the group stays in registers.
fn brownian_group(k: u32, stream: TrajectoryStream) {
  let first = brownian_first(k);
  brownian_group_block(0u, first, stream);
  if (BROWNIAN_GROUP_WORDS > 4u) { brownian_group_block(1u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 8u) { brownian_group_block(2u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 12u) { brownian_group_block(3u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 16u) { brownian_group_block(4u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 20u) { brownian_group_block(5u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 24u) { brownian_group_block(6u, first, stream); }
  if (BROWNIAN_GROUP_WORDS > 28u) { brownian_group_block(7u, first, stream); }
}

// Block b of the group (b < BROWNIAN_GROUP_WORDS / 4 ≤ 8).
fn brownian_group_block(b: u32, first: vec3<u32>, stream: TrajectoryStream) {
  let block_lo = first.x + b;
  let block_hi = first.y + select(0u, 1u, block_lo < first.x);
  let z = random_normal4(trajectory_brownian_words(stream, block_lo, block_hi));
  brownian_group_z[4u * b] = z.x;
  brownian_group_z[4u * b + 1u] = z.y;
  brownian_group_z[4u * b + 2u] = z.z;
  brownian_group_z[4u * b + 3u] = z.w;
}

// Step g of the drawn group into brownian_z.
fn brownian_take(g: u32) {
  for (var i = 0u; i < DIM; i++) {
    brownian_z[i] = brownian_group_z[g * BROWNIAN_NORMALS + i];
  }
  for (var m = 1u; m < BROWNIAN_FINE_STEPS; m++) {
    for (var i = 0u; i < DIM; i++) {
      brownian_z[i] += brownian_group_z[g * BROWNIAN_NORMALS + m * DIM + i];
    }
  }
  brownian_scale();
}

fn brownian_scale() {
  if (BROWNIAN_REFINE_LOG2 > 0u) {
    let scale = inverseSqrt(f32(BROWNIAN_FINE_STEPS));
    for (var i = 0u; i < DIM; i++) {
      brownian_z[i] *= scale;
    }
  }
}

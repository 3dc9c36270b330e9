// Reduction: the statistics of the ensemble at one checkpoint, without reading
// the state back. Each workgroup reduces one block of REDUCE_BLOCK consecutive
// trajectories (a constant, not the chunk size, so any chunking gives the same
// partials) and writes one partial; the host merges partials in float64, in
// block order (src/stats/). Trajectories marked diverged or holding a
// non-finite coordinate are left out of everything and counted by the host.
//
// Features (FEATURES of them): the DIM coordinates, then f(x) (LOSS_FEATURE),
// ‖x − x*‖² (DISTANCE_FEATURE), ‖∇f‖² (GRADIENT_FEATURE), the directional
// smoothness ∇fᵀH∇f/‖∇f‖² (SMOOTHNESS_FEATURE) and the escape step min(τ, step)
// (ESCAPE_FEATURE), each present unless its index is NO_FEATURE. Per feature:
// count, mean and the central sums M2, M3, M4 — Welford within a thread, the
// pairwise formulas of Chan et al. (1979) and Pébay (2008) across threads.
// With COVARIANCE, by a second pass over the block, for every pair i ≤ j the
// co-moments Σ_t a_i a_j and the mixed moments Σ_t a_i² a_j, Σ_t a_i a_j²,
// Σ_t a_i² a_j² of a = x_t − m (m: the block means); the last gives the
// covariance standard errors for any law.
// Partial: [count, (mean, M2, M3, M4) × FEATURES, C, M21, M12, M22 (COV_WORDS each)].
//
// Integer counts go to `counters` with u32 atomics (exact and order-free):
// per checkpoint (from control.counters_at) histograms of the coordinates and,
// with HIST_LOSS, of f(x) — each [underflow, BINS bins, overflow] — then the
// number inside each of REGION_COUNT regions, then (ESCAPE) the number exited
// by this step. At the last checkpoint, a histogram of exit steps at word 0
// (ESCAPE_TIME_BINS bins of ESCAPE_BIN_WIDTH steps).
// Parameters read from `model` (declared in src/ensemble/kernels.ts): the
// objective's, x* at MINIMIZER, histogram ranges [lo, hi] at HIST_STATE_RANGE and
// HIST_LOSS_RANGE, regions at REGIONS (lib/regions.wgsl layout).

// #include "lib/state.wgsl"
// #include <objective>
// #include "lib/regions.wgsl"
// #include "lib/loop_canary.wgsl"

struct ReduceControl {
  count: u32,            // trajectories in this chunk (offset 0)
  groups_x: u32,         // workgroups per row of a 2-D dispatch (4)
  out_block: u32,        // index of this chunk's first block in `partials` (8)
  record_words: u32,     // RECORD_WORDS of the integrate kernel (12)
  step: u32,             // the checkpoint's step (16)
  counters_at: u32,      // first counter word of this checkpoint (20)
  last_checkpoint: u32,  // 1 at the run's last checkpoint (24)
  canary_trips: u32,     // passes of the loop canary (lib/loop_canary.wgsl): 2 (28)
}

@group(0) @binding(0) var<uniform> control: ReduceControl;
@group(0) @binding(1) var<storage, read> state: array<f32>;
@group(0) @binding(2) var<storage, read> records: array<u32>;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(0) @binding(4) var<storage, read> model: array<f32>;
@group(0) @binding(5) var<storage, read_write> counters: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read> data: array<f32>; // the objective's finite-sum data
// Word 1: the least checkpoint step at which a reduction invocation's loops were cut (0xFFFFFFFF while none).
@group(0) @binding(7) var<storage, read_write> loop_cuts: array<atomic<u32>>;

const PER_THREAD: u32 = REDUCE_BLOCK / REDUCE_THREADS;
const PARTIAL_WORDS: u32 = 1u + 4u * FEATURES + 4u * COV_WORDS;
const NO_FEATURE: u32 = 0xFFFFFFFFu;
const HIST_STRIDE: u32 = BINS + 2u;

var<workgroup> shared_n: array<f32, REDUCE_THREADS>;
var<workgroup> shared_mean: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m2: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m3: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m4: array<f32, REDUCE_THREADS>;
var<workgroup> block_included: array<u32, REDUCE_BLOCK>;
var<workgroup> block_mean: array<f32, COV_DIM>;

fn value_is_finite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

fn load_trajectory(local: u32) -> State {
  var x: State;
  for (var i = 0u; i < DIM; i++) {
    x[i] = state[local * DIM + i];
  }
  return x;
}

fn trajectory_counts(local: u32) -> bool {
  if (local >= control.count || records[local * control.record_words] != 0u) {
    return false;
  }
  for (var i = 0u; i < DIM; i++) {
    if (!value_is_finite(state[local * DIM + i])) {
      return false;
    }
  }
  return true;
}

fn feature_value(local: u32, f: u32) -> f32 {
  if (f < DIM) {
    return state[local * DIM + f];
  }
  if (f == ESCAPE_FEATURE) {
    return f32(min(records[local * control.record_words + 1u], control.step));
  }
  var x = load_trajectory(local);
  if (f == LOSS_FEATURE) {
    return objective_loss(&x);
  }
  if (f == DISTANCE_FEATURE) {
    var r2 = 0.0;
    for (var i = 0u; i < DIM; i++) {
      let d = x[i] - model[MINIMIZER + i];
      r2 = fma(d, d, r2);
    }
    return r2;
  }
  var g: State;
  objective_grad(&x, &g);
  var g2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    g2 = fma(g[i], g[i], g2);
  }
  if (f == GRADIENT_FEATURE) {
    return g2;
  }
  // SMOOTHNESS_FEATURE: ∇fᵀH∇f / ‖∇f‖², 0 where ∇f = 0.
  var hg: State;
  objective_hess_vec(&x, &g, &hg);
  var ghg = 0.0;
  for (var i = 0u; i < DIM; i++) {
    ghg = fma(g[i], hg[i], ghg);
  }
  return select(ghg / g2, 0.0, g2 == 0.0);
}

// Adds one count to [underflow, bins…, overflow] at `at` for value v in [lo, hi).
fn histogram_add(at: u32, v: f32, lo: f32, hi: f32) {
  let u = (v - lo) / (hi - lo) * f32(BINS);
  var slot: u32;
  if (!(u >= 0.0)) {
    slot = 0u;
  } else if (u >= f32(BINS)) {
    slot = BINS + 1u;
  } else {
    slot = min(u32(u), BINS - 1u) + 1u;
  }
  atomicAdd(&counters[at + slot], 1u);
}

fn count_trajectory(local: u32) {
  var at = control.counters_at;
  for (var h = 0u; h < HIST_FEATURES; h++) {
    if (h < DIM) {
      histogram_add(at, state[local * DIM + h], model[HIST_STATE_RANGE], model[HIST_STATE_RANGE + 1u]);
    } else {
      var x = load_trajectory(local);
      histogram_add(at, objective_loss(&x), model[HIST_LOSS_RANGE], model[HIST_LOSS_RANGE + 1u]);
    }
    at += HIST_STRIDE;
  }
  if (REGION_COUNT > 0u) {
    var x = load_trajectory(local);
    for (var r = 0u; r < REGION_COUNT; r++) {
      if (region_margin(&x, REGIONS + r * REGION_WORDS) >= 0.0) {
        atomicAdd(&counters[at + r], 1u);
      }
    }
  }
  at += REGION_COUNT;
  if (ESCAPE_FEATURE != NO_FEATURE) {
    let exit = records[local * control.record_words + 1u];
    if (exit <= control.step) {
      atomicAdd(&counters[at], 1u);
      if (control.last_checkpoint != 0u) {
        atomicAdd(&counters[min(exit / ESCAPE_BIN_WIDTH, ESCAPE_TIME_BINS - 1u)], 1u);
      }
    }
  }
}

@compute @workgroup_size(REDUCE_THREADS)
fn reduce_statistics(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let block = wg.y * control.groups_x + wg.x;
  let first_in_block = block * REDUCE_BLOCK;
  let first = first_in_block + lane * PER_THREAD;
  var included: array<bool, PER_THREAD>;
  for (var j = 0u; j < PER_THREAD; j++) {
    included[j] = trajectory_counts(first + j);
    block_included[lane * PER_THREAD + j] = select(0u, 1u, included[j]);
    if (included[j] && HAS_COUNTERS != 0u) {
      count_trajectory(first + j);
    }
  }
  let out = (control.out_block + block) * PARTIAL_WORDS;
  for (var f = 0u; f < FEATURES; f++) {
    // Welford with third and fourth central sums over this thread's trajectories.
    var n = 0.0;
    var mean = 0.0;
    var m2 = 0.0;
    var m3 = 0.0;
    var m4 = 0.0;
    for (var j = 0u; j < PER_THREAD; j++) {
      if (included[j]) {
        let n1 = n;
        n += 1.0;
        let v = feature_value(first + j, f);
        let delta = v - mean;
        let dn = delta / n;
        let dn2 = dn * dn;
        let term = delta * dn * n1;
        mean += dn;
        m4 += term * dn2 * (n * n - 3.0 * n + 3.0) + 6.0 * dn2 * m2 - 4.0 * dn * m3;
        m3 += term * dn * (n - 2.0) - 3.0 * dn * m2;
        m2 += term;
      }
    }
    shared_n[lane] = n;
    shared_mean[lane] = mean;
    shared_m2[lane] = m2;
    shared_m3[lane] = m3;
    shared_m4[lane] = m4;
    workgroupBarrier();
    // Pairwise merges in a fixed tree order (Chan et al. 1979; Pébay 2008, eqs. 2.1–2.4).
    for (var stride = REDUCE_THREADS / 2u; stride > 0u; stride /= 2u) {
      if (lane < stride) {
        let na = shared_n[lane];
        let nb = shared_n[lane + stride];
        if (nb > 0.0) {
          let nab = na + nb;
          let delta = shared_mean[lane + stride] - shared_mean[lane];
          let dn = delta / nab;
          let a2 = shared_m2[lane];
          let b2 = shared_m2[lane + stride];
          let a3 = shared_m3[lane];
          let b3 = shared_m3[lane + stride];
          shared_mean[lane] = shared_mean[lane] + dn * nb;
          shared_m4[lane] = shared_m4[lane] + shared_m4[lane + stride]
            + delta * dn * dn * dn * na * nb * (na * na - na * nb + nb * nb)
            + 6.0 * dn * dn * (na * na * b2 + nb * nb * a2)
            + 4.0 * dn * (na * b3 - nb * a3);
          shared_m3[lane] = a3 + b3 + delta * dn * dn * na * nb * (na - nb) + 3.0 * dn * (na * b2 - nb * a2);
          shared_m2[lane] = a2 + b2 + delta * dn * na * nb;
          shared_n[lane] = nab;
        }
      }
      workgroupBarrier();
    }
    if (lane == 0u) {
      if (f == 0u) {
        partials[out] = shared_n[0];
      }
      let at = out + 1u + 4u * f;
      partials[at] = shared_mean[0];
      partials[at + 1u] = shared_m2[0];
      partials[at + 2u] = shared_m3[0];
      partials[at + 3u] = shared_m4[0];
      if (COV_WORDS > 0u && f < COV_DIM) {
        block_mean[f] = shared_mean[0];
      }
    }
    workgroupBarrier();
  }
  if (COV_WORDS > 0u) {
    // Co-moments of the coordinates about the block means (two-pass: accurate in f32).
    var p = 0u;
    for (var i = 0u; i < COV_DIM; i++) {
      for (var k = i; k < COV_DIM; k++) {
        if (p % REDUCE_THREADS == lane) {
          var c = 0.0;
          var c21 = 0.0;
          var c12 = 0.0;
          var c22 = 0.0;
          for (var t = 0u; t < REDUCE_BLOCK; t++) {
            if (block_included[t] != 0u) {
              let at = (first_in_block + t) * DIM;
              let a = state[at + i] - block_mean[i];
              let b = state[at + k] - block_mean[k];
              let ab = a * b;
              c = fma(a, b, c);
              c21 = fma(ab, a, c21);
              c12 = fma(ab, b, c12);
              c22 = fma(ab, ab, c22);
            }
          }
          let cov_at = out + 1u + 4u * FEATURES + p;
          partials[cov_at] = c;
          partials[cov_at + COV_WORDS] = c21;
          partials[cov_at + 2u * COV_WORDS] = c12;
          partials[cov_at + 3u * COV_WORDS] = c22;
        }
        p++;
      }
    }
  }
  // Last: did the driver cut any loop above (a loop-iteration limit)? The host refuses the statistics then.
  if (loop_canary_passes(control.canary_trips) < control.canary_trips) {
    atomicMin(&loop_cuts[1], control.step);
  }
}

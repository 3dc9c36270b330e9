// Reduction of one multilevel Monte Carlo level (Giles 2008) without reading
// the states back: for trajectories that ran the same Brownian path at a fine
// step (`fine_state`) and at the coarse step summing its increments (`coarse`),
// the level difference Y = φ(X_fine) − φ(X_coarse) (just φ(X_fine) at level 0,
// has_coarse = 0) and φ(X_fine) itself. Each workgroup reduces one block of
// REDUCE_BLOCK consecutive fine trajectories (a block starts at a multiple of
// REDUCE_BLOCK within the chunk) and writes one partial
// [count, mean Y, M2 Y, mean φ, M2 φ]: Welford within a thread, the pairwise
// formulas of Chan et al. (1979) across threads, in a fixed order. The host
// merges the partials in float64 (src/ensemble/level-difference.ts).
// A pair in which either trajectory diverged (record word 0) or holds a
// non-finite coordinate, or whose Y is not finite, is left out; the host counts
// it from the partial's count.
//
// `coarse` holds the coarse run's final states of the whole batch (capacity × DIM
// f32 words, as u32 bits), then their records (capacity × record_words).
// φ is chosen at composition: OBSERVABLE = 0 the coordinate x[OBSERVABLE_COORDINATE],
// 1 the loss f(x) (the <objective> module), 2 ‖x − x*‖² (x* in `minimizer`).

// #include "lib/state.wgsl"
// #include <objective>
// #include "lib/loop_canary.wgsl"

struct LevelControl {
  count: u32,          // fine trajectories in this chunk (offset 0)
  groups_x: u32,       // workgroups per row of a 2-D dispatch (4)
  coarse_first: u32,   // index in the coarse buffers of the chunk's first trajectory (8)
  record_words: u32,   // RECORD_WORDS of the integrate kernel (12)
  has_coarse: u32,     // 0 at level 0: Y = φ(X_fine) (16)
  canary_trips: u32,   // passes of the loop canary (lib/loop_canary.wgsl): 2 (20)
  step: u32,           // the fine run's last step, reported where a loop was cut (24)
  coarse_records_at: u32, // first word of the records in `coarse`: capacity × DIM (28)
}

@group(0) @binding(0) var<uniform> control: LevelControl;
@group(0) @binding(1) var<storage, read> fine_state: array<f32>;
@group(0) @binding(2) var<storage, read> fine_records: array<u32>;
@group(0) @binding(3) var<storage, read> coarse: array<u32>;
@group(0) @binding(4) var<storage, read> minimizer: array<f32>;
@group(0) @binding(5) var<storage, read_write> partials: array<f32>;
@group(0) @binding(6) var<storage, read> model: array<f32>;
@group(0) @binding(7) var<storage, read> data: array<f32>; // the objective's finite-sum data
// Word 1: the least step at which a reduction invocation's loops were cut (0xFFFFFFFF while none).
@group(0) @binding(8) var<storage, read_write> loop_cuts: array<atomic<u32>>;

const PER_THREAD: u32 = REDUCE_BLOCK / REDUCE_THREADS;
const PARTIAL_WORDS: u32 = 5u;

var<workgroup> shared_n: array<f32, REDUCE_THREADS>;
var<workgroup> shared_mean_y: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m2_y: array<f32, REDUCE_THREADS>;
var<workgroup> shared_mean_phi: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m2_phi: array<f32, REDUCE_THREADS>;

fn value_is_finite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

fn observable(x: ptr<function, State>) -> f32 {
  if (OBSERVABLE == 1u) {
    return objective_loss(x);
  }
  if (OBSERVABLE == 2u) {
    var r2 = 0.0;
    for (var i = 0u; i < DIM; i++) {
      let d = (*x)[i] - minimizer[i];
      r2 = fma(d, d, r2);
    }
    return r2;
  }
  return (*x)[OBSERVABLE_COORDINATE];
}

// The state of trajectory t of a buffer, or false when it diverged or is not finite.
fn load_fine(t: u32, x: ptr<function, State>) -> bool {
  var finite = fine_records[t * control.record_words] == 0u;
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fine_state[t * DIM + i];
    finite = finite && value_is_finite((*x)[i]);
  }
  return finite;
}

fn load_coarse(t: u32, x: ptr<function, State>) -> bool {
  var finite = coarse[control.coarse_records_at + t * control.record_words] == 0u;
  for (var i = 0u; i < DIM; i++) {
    let bits = coarse[t * DIM + i];
    (*x)[i] = bitcast<f32>(bits);
    finite = finite && (bits & 0x7f800000u) != 0x7f800000u;
  }
  return finite;
}

@compute @workgroup_size(REDUCE_THREADS)
fn reduce_level_difference(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let block = wg.y * control.groups_x + wg.x;
  let first = block * REDUCE_BLOCK + lane * PER_THREAD;
  var n = 0.0;
  var mean_y = 0.0;
  var m2_y = 0.0;
  var mean_phi = 0.0;
  var m2_phi = 0.0;
  for (var j = 0u; j < PER_THREAD; j++) {
    let t = first + j;
    if (t >= control.count) {
      break;
    }
    var x: State;
    var ok = load_fine(t, &x);
    let phi = observable(&x);
    var y = phi;
    if (control.has_coarse != 0u) {
      var c: State;
      ok = load_coarse(control.coarse_first + t, &c) && ok;
      y = phi - observable(&c);
    }
    if (ok && value_is_finite(y) && value_is_finite(phi)) {
      n += 1.0;
      let dy = y - mean_y;
      mean_y += dy / n;
      m2_y = fma(dy, y - mean_y, m2_y);
      let dp = phi - mean_phi;
      mean_phi += dp / n;
      m2_phi = fma(dp, phi - mean_phi, m2_phi);
    }
  }
  shared_n[lane] = n;
  shared_mean_y[lane] = mean_y;
  shared_m2_y[lane] = m2_y;
  shared_mean_phi[lane] = mean_phi;
  shared_m2_phi[lane] = m2_phi;
  workgroupBarrier();
  for (var stride = REDUCE_THREADS / 2u; stride > 0u; stride /= 2u) {
    if (lane < stride) {
      let na = shared_n[lane];
      let nb = shared_n[lane + stride];
      if (nb > 0.0) {
        let nab = na + nb;
        let w = na * nb / nab;
        let delta_y = shared_mean_y[lane + stride] - shared_mean_y[lane];
        let delta_phi = shared_mean_phi[lane + stride] - shared_mean_phi[lane];
        shared_mean_y[lane] += delta_y * nb / nab;
        shared_m2_y[lane] += shared_m2_y[lane + stride] + delta_y * delta_y * w;
        shared_mean_phi[lane] += delta_phi * nb / nab;
        shared_m2_phi[lane] += shared_m2_phi[lane + stride] + delta_phi * delta_phi * w;
        shared_n[lane] = nab;
      }
    }
    workgroupBarrier();
  }
  if (lane == 0u) {
    let out = block * PARTIAL_WORDS;
    partials[out] = shared_n[0];
    partials[out + 1u] = shared_mean_y[0];
    partials[out + 2u] = shared_m2_y[0];
    partials[out + 3u] = shared_mean_phi[0];
    partials[out + 4u] = shared_m2_phi[0];
  }
  // Last: did the driver cut any loop above (a loop-iteration limit)? The host refuses the partials then.
  if (loop_canary_passes(control.canary_trips) < control.canary_trips) {
    atomicMin(&loop_cuts[1], control.step);
  }
}

// Observer: first exit from a region (experiment field `escape`).
// Record word RECORD_EXIT holds the first step n with x_n outside the region
// (ESCAPE_NEVER while inside); x_0 outside gives 0. With ESCAPE_STOP the
// trajectory stops there (its state stays x_n); otherwise it runs on.
//
// ESCAPE_BRIDGE (dynamics with additive noise, Σ = σσᵀ per unit time): when x_k
// and x_{k+1} are both inside, the path between them may still have left. For a
// Brownian bridge over a flat boundary at distances a, b from the two ends that
// happens with probability exp(−2ab / (s² dt)), s² = nᵀΣn along the boundary's
// normal n (Glasserman 2004, §6.4; Gobet 2000). Drawing that event cuts the
// first-passage bias of a grid-monitored SDE from O(√dt) to O(dt).
// Parameters (src/ensemble/kernels.ts): the region at ESCAPE_REGION
// (lib/regions.wgsl), dt at ESCAPE_DT and Σ at ESCAPE_SIGMA2 (DIM·DIM, row-major).
// Random numbers: one uniform per step while inside, purpose BRIDGE, block 0, word 0.

// #include "lib/regions.wgsl"

const ESCAPE_NEVER: u32 = 0xFFFFFFFFu;

fn observer_start(x: ptr<function, State>, local: u32) {
  records[local * RECORD_WORDS + RECORD_EXIT] = select(ESCAPE_NEVER, 0u, region_margin(x, ESCAPE_REGION) < 0.0);
}

// A trajectory that has exited no longer moves when `stop` is set.
fn observer_stopped(local: u32) -> bool {
#if ${ESCAPE_STOP}
  return records[local * RECORD_WORDS + RECORD_EXIT] != ESCAPE_NEVER;
#else
  return false;
#endif
}

// Returns true when the trajectory must stop now.
fn observer_step(before: ptr<function, State>, x: ptr<function, State>, k: u32, stream: TrajectoryStream, local: u32) -> bool {
  if (records[local * RECORD_WORDS + RECORD_EXIT] != ESCAPE_NEVER) {
    return false; // exited before, running on (stop = false)
  }
  let after = region_margin(x, ESCAPE_REGION);
  var left = after < 0.0;
#if ${ESCAPE_BRIDGE}
  if (!left) {
    left = bridge_crossed(before, region_margin(before, ESCAPE_REGION), after, k, stream);
  }
#endif
  if (left) {
    records[local * RECORD_WORDS + RECORD_EXIT] = k + 1u;
    return observer_stopped(local);
  }
  return false;
}

#if ${ESCAPE_BRIDGE}
fn bridge_crossed(before: ptr<function, State>, margin0: f32, margin1: f32, k: u32, stream: TrajectoryStream) -> bool {
  var n: State;
  let to_distance = region_normal(before, ESCAPE_REGION, &n);
  var s2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    var row = 0.0;
    for (var j = 0u; j < DIM; j++) {
      row = fma(model[ESCAPE_SIGMA2 + i * DIM + j], n[j], row);
    }
    s2 = fma(n[i], row, s2);
  }
  let variance = s2 * model[ESCAPE_DT];
  if (!(to_distance > 0.0) || !(variance > 0.0)) {
    return false;
  }
  let a = margin0 * to_distance;
  let b = margin1 * to_distance;
  let p = exp(-2.0 * a * b / variance);
  let u = random_uniform01(trajectory_words(stream, k, RNG_PURPOSE_BRIDGE, 0u).x);
  return u < p;
}
#endif

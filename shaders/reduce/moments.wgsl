// Reduction: per-block moments of the ensemble state at a checkpoint.
// Each workgroup reduces one block of REDUCE_BLOCK consecutive trajectories
// (a constant, not the chunk size, so any chunking gives the same partials):
// count of finite trajectories, and per coordinate the mean and M2 (sum of
// squared deviations), by Welford within a thread and Chan et al. (1979)
// pairwise merges across threads. The host merges blocks in float64, in block
// order. Trajectories marked diverged or holding a non-finite value are left out.
// Output per block: [count, mean_0 … mean_{DIM−1}, m2_0 … m2_{DIM−1}].

// #include "lib/state.wgsl"

struct ReduceControl {
  count: u32,        // trajectories in this chunk (offset 0)
  groups_x: u32,     // workgroups per row of a 2-D dispatch (4)
  out_block: u32,    // index of this chunk's first block in `partials` (8)
  record_words: u32, // RECORD_WORDS of the integrate kernel (12)
}

@group(0) @binding(0) var<uniform> control: ReduceControl;
@group(0) @binding(1) var<storage, read> state: array<f32>;
@group(0) @binding(2) var<storage, read> records: array<u32>;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;

const PER_THREAD: u32 = REDUCE_BLOCK / REDUCE_THREADS;
const PARTIAL_WORDS: u32 = 1u + 2u * DIM;

var<workgroup> shared_n: array<f32, REDUCE_THREADS>;
var<workgroup> shared_mean: array<f32, REDUCE_THREADS>;
var<workgroup> shared_m2: array<f32, REDUCE_THREADS>;

fn value_is_finite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
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

@compute @workgroup_size(REDUCE_THREADS)
fn reduce_moments(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) lane: u32) {
  let block = wg.y * control.groups_x + wg.x;
  let first = block * REDUCE_BLOCK + lane * PER_THREAD;
  var included: array<bool, PER_THREAD>;
  for (var j = 0u; j < PER_THREAD; j++) {
    included[j] = trajectory_counts(first + j);
  }
  let out = (control.out_block + block) * PARTIAL_WORDS;
  for (var i = 0u; i < DIM; i++) {
    // Welford over this thread's trajectories.
    var count = 0.0;
    var mean = 0.0;
    var m2 = 0.0;
    for (var j = 0u; j < PER_THREAD; j++) {
      if (included[j]) {
        count += 1.0;
        let v = state[(first + j) * DIM + i];
        let delta = v - mean;
        mean += delta / count;
        m2 += delta * (v - mean);
      }
    }
    shared_n[lane] = count;
    shared_mean[lane] = mean;
    shared_m2[lane] = m2;
    workgroupBarrier();
    // Chan's pairwise merge, in a fixed tree order.
    for (var stride = REDUCE_THREADS / 2u; stride > 0u; stride /= 2u) {
      if (lane < stride) {
        let na = shared_n[lane];
        let nb = shared_n[lane + stride];
        let nab = na + nb;
        if (nb > 0.0) {
          let delta = shared_mean[lane + stride] - shared_mean[lane];
          let w = nb / nab;
          shared_mean[lane] = shared_mean[lane] + delta * w;
          shared_m2[lane] = shared_m2[lane] + shared_m2[lane + stride] + delta * delta * na * w;
          shared_n[lane] = nab;
        }
      }
      workgroupBarrier();
    }
    if (lane == 0u) {
      partials[out + 1u + i] = shared_mean[0];
      partials[out + 1u + DIM + i] = shared_m2[0];
      if (i == 0u) {
        partials[out] = shared_n[0];
      }
    }
    workgroupBarrier();
  }
}

// #include "lib/philox.wgsl"

// Gradient noise: mini-batches of a finite sum f = (1/N) Σ f_i. Each
// trajectory draws its own batch of b_k sample indices at every step and
// averages their gradients: g_k = (1/b_k) Σ_{i ∈ B_k} ∇f_i(x_k). With
// MINIBATCH_REPLACEMENT the indices are independent and uniform; without, the
// batch is a uniform b_k-subset (Floyd's algorithm: for j = N−b_k … N−1 draw t
// in [0, j]; take t, or j if t was taken already). Needs the objective's
// `objective_sample_grad_add` and N_SAMPLES.
// Batch size b_k: a stage table (src/schedules/batch-size.ts), b = table[min(⌊k/every⌋,
// stages − 1)], computed on the host in float64 so GPU and CPU use the same b_k;
// BATCH_SIZE is the largest stage (the bound of Floyd's index array).
// Parameters: every at BATCH_STAGE_EVERY, stages at BATCH_STAGE_COUNT, b₀, b₁, … at
// BATCH_STAGE_SIZES (src/schedules/batch-size.ts).
// Random numbers per step: index draw j is word j % 4 of block j / 4 of purpose
// MINIBATCH; a word w maps to ⌊w·m / 2^32⌋ in [0, m) (exact, no float). The
// draws of step k depend on (seed, trajectory, k) only. With replacement the
// first b indices of a larger batch are the smaller batch's (nested batches);
// without, Floyd's ranges [0, N − b + j] depend on b, so changing b changes the
// whole subset (as it must: a uniform b-subset is not a prefix of a larger one).

// The high word of the exact 64-bit product w·m (lib/philox.wgsl's multiply).
fn minibatch_index(w: u32, m: u32) -> u32 {
  return philox_mulhilo(w, m).y;
}

fn noise_batch_size(k: u32) -> u32 {
  let every = u32(model[BATCH_STAGE_EVERY]);
  let stages = u32(model[BATCH_STAGE_COUNT]);
  return u32(model[BATCH_STAGE_SIZES + min(k / every, stages - 1u)]);
}

fn noise_grad(x: ptr<function, State>, g: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  for (var i = 0u; i < DIM; i++) {
    (*g)[i] = 0.0;
  }
  let b = noise_batch_size(k);
  let weight = 1.0 / f32(b);
  var words: vec4<u32>;
#if ${MINIBATCH_REPLACEMENT}
  for (var j = 0u; j < b; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_MINIBATCH, j >> 2u);
    }
    objective_sample_grad_add(x, minibatch_index(words[j & 3u], N_SAMPLES), weight, g);
  }
#else
  var chosen: array<u32, BATCH_SIZE>;
  for (var j = 0u; j < b; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_MINIBATCH, j >> 2u);
    }
    let top = N_SAMPLES - b + j;
    var pick = minibatch_index(words[j & 3u], top + 1u);
    for (var q = 0u; q < j; q++) {
      if (chosen[q] == pick) {
        pick = top;
      }
    }
    chosen[j] = pick;
    objective_sample_grad_add(x, pick, weight, g);
  }
#endif
}

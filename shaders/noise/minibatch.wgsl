// Gradient noise: mini-batches of a finite sum f = (1/N) Σ_i f_i. Each
// trajectory draws its own batch of BATCH_SIZE sample indices at every step and
// averages their gradients: g_k = (1/b) Σ_{i ∈ B_k} ∇f_i(x_k). With
// MINIBATCH_REPLACEMENT the indices are independent and uniform; without, the
// batch is a uniform b-subset (Floyd's algorithm: for j = N−b … N−1 draw t in
// [0, j]; take t, or j if t was taken already). Needs the objective's
// `objective_sample_grad_add` and N_SAMPLES.
// Random numbers per step: index draw j is word j % 4 of block j / 4 of purpose
// MINIBATCH; a word w maps to ⌊w·m / 2^32⌋ in [0, m) (exact, no float).

fn minibatch_index(w: u32, m: u32) -> u32 {
  return philox_mulhilo(w, m).y;
}

fn noise_grad(x: ptr<function, State>, g: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  for (var i = 0u; i < DIM; i++) {
    (*g)[i] = 0.0;
  }
  let weight = 1.0 / f32(BATCH_SIZE);
  var words: vec4<u32>;
#if ${MINIBATCH_REPLACEMENT}
  for (var j = 0u; j < BATCH_SIZE; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_MINIBATCH, j >> 2u);
    }
    objective_sample_grad_add(x, minibatch_index(words[j & 3u], N_SAMPLES), weight, g);
  }
#else
  var chosen: array<u32, BATCH_SIZE>;
  for (var j = 0u; j < BATCH_SIZE; j++) {
    if ((j & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_MINIBATCH, j >> 2u);
    }
    let top = N_SAMPLES - BATCH_SIZE + j;
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

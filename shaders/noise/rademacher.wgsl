// Gradient noise: the mini-batch noise Sato & Iiduka's analysis assumes
// (docs/math.md §2b, §2d): every sample gradient is ∇f plus C times an independent
// random sign per coordinate, so a batch of b samples gives
//   g_k = ∇f(x_k) + C·(1/b) Σ_{j<b} s_{k,j},   s_{k,j} ∈ {−1, +1}^d uniform,
// the mean of b Rademacher signs per coordinate: variance C²/b, drawn exactly
// as (2·Binomial(b, ½) − b)/b by counting set bits (docs/math.md §2f).
// RADEMACHER_GAUSSIAN: the Gaussian surrogate instead, C/√b · z_k with z_k the
// step's DIM normals (its unit Brownian increment, lib/brownian.wgsl: the
// same z_k as `gaussian` noise with cov = C²/b, so the two agree path by path).
// Batch size b_k: a stage table (src/schedules/batch-size.ts), b = table[min(⌊k/every⌋,
// stages − 1)], computed on the host in float64 so GPU and CPU use the same b_k.
// Parameters: C at RADEMACHER_SCALE, then the stage table as in noise/minibatch.wgsl.
// Random numbers per step (binomial draw): the signs of coordinate i come in
// groups of 32 bits; group j of coordinate i is word w = j·DIM + i of purpose
// MINIBATCH (block w / 4, word w % 4), its lowest min(32, b − 32j) bits are the
// signs. The layout does not depend on b, so the first b signs of a larger
// batch are the smaller batch's (batches are nested: a growing batch keeps its
// stream, and runs with different b are coupled).

fn noise_batch_size(k: u32) -> u32 {
  let every = u32(model[BATCH_STAGE_EVERY]);
  let stages = u32(model[BATCH_STAGE_COUNT]);
  return u32(model[BATCH_STAGE_SIZES + min(k / every, stages - 1u)]);
}

fn noise_grad(x: ptr<function, State>, g: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  objective_grad(x, g);
  let b = noise_batch_size(k);
  let scale = model[RADEMACHER_SCALE];
#if ${RADEMACHER_GAUSSIAN}
  let s = scale / sqrt(f32(b));
  for (var i = 0u; i < DIM; i++) {
    (*g)[i] = fma(s, brownian_z[i], (*g)[i]);
  }
#else
  // Twice the number of +1 signs minus the number of signs, per coordinate (exact integers).
  var ones: array<i32, DIM>;
  for (var i = 0u; i < DIM; i++) {
    ones[i] = 0;
  }
  let groups = (b + 31u) / 32u;
  var words: vec4<u32>;
  var w = 0u;
  for (var j = 0u; j < groups; j++) {
    let bits = min(32u, b - 32u * j);
    let mask = select(0xFFFFFFFFu, (1u << bits) - 1u, bits < 32u);
    for (var i = 0u; i < DIM; i++) {
      if ((w & 3u) == 0u) {
        words = trajectory_words(stream, k, RNG_PURPOSE_MINIBATCH, w >> 2u);
      }
      ones[i] += 2 * i32(countOneBits(words[w & 3u] & mask)) - i32(bits);
      w++;
    }
  }
  let s = scale / f32(b);
  for (var i = 0u; i < DIM; i++) {
    (*g)[i] = fma(s, f32(ones[i]), (*g)[i]);
  }
#endif
}

// Objective: absolute deviation, a nonsmooth finite sum (docs/math.md §5c)
// f(x) = (1/N) Σ_i f_i(x),  f_i(x) = Σ_j w_j |x_j − a_ij|  (N = N_SAMPLES points a_i).
// Gradient: a Clarke subgradient with sign(0) = 0 (WGSL's `sign`):
// ∇f_i(x)_j = w_j sign(x_j − a_ij), so ∇f(x)_j = (w_j/N)(#{i: a_ij < x_j} − #{i: a_ij > x_j}),
// an element of ∂f(x) also at kinks (0 ∈ [−1, 1]). For x_j ≠ a_ij in f32 the
// difference is never rounded to 0, so the sign is exact. Hessian: 0 (almost everywhere).
// Data (`data`): point i at i·DIM (DIM words). Parameters: at ABSOLUTE_DEVIATION_W,
// w (DIM words, each > 0). Random numbers: none.


fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let at = i * DIM;
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(weight * model[ABSOLUTE_DEVIATION_W + j], sign((*x)[j] - data[at + j]), (*g)[j]);
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    // #{a_ij < x_j} − #{a_ij > x_j}: an integer, exact in f32 (N < 2^21).
    var count = 0.0;
    for (var i = 0u; i < N_SAMPLES; i++) {
      count += sign((*x)[j] - data[i * DIM + j]);
    }
    (*g)[j] = model[ABSOLUTE_DEVIATION_W + j] * count / f32(N_SAMPLES);
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var j = 0u; j < DIM; j++) {
    var sum = 0.0;
    for (var i = 0u; i < N_SAMPLES; i++) {
      sum += abs((*x)[j] - data[i * DIM + j]);
    }
    value = fma(model[ABSOLUTE_DEVIATION_W + j], sum, value);
  }
  return value / f32(N_SAMPLES);
}

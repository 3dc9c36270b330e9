// Objective: Huber regression, a finite sum  f(x) = (1/N) Σ_i h_δ(r_i),  r_i = a_iᵀx − y_i,
// h_δ(r) = ½r² for |r| ≤ δ, else δ(|r| − ½δ)  (Huber 1964): quadratic near 0, linear in
// the tails, so outlying samples pull with force at most δ.
// ∇f_i = ψ_δ(r_i) a_i with ψ_δ(r) = clamp(r, −δ, δ);  ∇²f = (1/N) Σ_{|r_i| < δ} a_i a_iᵀ
// (a.e.; at |r_i| = δ the one-sided curvature 0 is taken).
// Data (`data`, shared by all trajectories): sample i at i·(DIM + 1): a_i (DIM words),
// then y_i. Parameters: δ at HUBER_DELTA. Random numbers: none.
// `objective_sample_grad_add` (g += weight·∇f_i(x)) serves mini-batch noise.

// #include "lib/design_rows.wgsl"
// #include "lib/finite_sum.wgsl"


// h_δ(r).
fn huber_loss(r: f32, delta: f32) -> f32 {
  let a = abs(r);
  return select(delta * (a - 0.5 * delta), 0.5 * r * r, a <= delta);
}

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let at = i * DESIGN_STRIDE;
  let delta = model[HUBER_DELTA];
  let c = weight * clamp(design_residual(x, at), -delta, delta);
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(c, data[at + j], (*g)[j]);
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  finite_sum_mean_grad(x, g);
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
  let delta = model[HUBER_DELTA];
  for (var i = 0u; i < N_SAMPLES; i++) {
    let at = i * DESIGN_STRIDE;
    if (abs(design_residual(x, at)) < delta) {
      design_outer_add(at, v, out);
    }
  }
  let scale = 1.0 / f32(N_SAMPLES);
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] *= scale;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  let delta = model[HUBER_DELTA];
  var sum = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    sum += huber_loss(design_residual(x, i * DESIGN_STRIDE), delta);
  }
  return sum / f32(N_SAMPLES);
}

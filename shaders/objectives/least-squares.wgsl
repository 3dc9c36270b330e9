// Objective: least squares (the lasso with λ > 0), a finite sum  f(x) = (1/N) Σ_i f_i(x),
// f_i(x) = ½ (a_iᵀx − y_i)² + λ‖x‖₁  (N = N_SAMPLES samples, a_i ∈ R^DIM),
// ∇f_i(x) = (a_iᵀx − y_i) a_i + λ sign(x),  ∇f = (1/N) Σ_i ∇f_i,  ∇²f = (1/N) Σ_i a_i a_iᵀ
// (a.e.). sign(0) = 0 is the element of ∂|·|(0) = [−1, 1] this subgradient takes.
// Data (`data`, shared by all trajectories): sample i at i·(DIM + 1): a_i (DIM
// words), then y_i. Parameters: λ at LEAST_SQUARES_L1. Random numbers: none.
// `objective_sample_grad_add` (g += weight·∇f_i(x)) serves mini-batch noise.

// #include "lib/design_rows.wgsl"

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let at = i * DESIGN_STRIDE;
  let c = weight * design_residual(x, at);
  let l1 = weight * model[LEAST_SQUARES_L1];
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = fma(c, data[at + j], fma(l1, sign((*x)[j]), (*g)[j]));
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    objective_sample_grad_add(x, i, 1.0, g);
  }
  let scale = 1.0 / f32(N_SAMPLES);
  for (var j = 0u; j < DIM; j++) {
    (*g)[j] *= scale;
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
  for (var i = 0u; i < N_SAMPLES; i++) {
    design_outer_add(i * DESIGN_STRIDE, v, out);
  }
  let scale = 1.0 / f32(N_SAMPLES);
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] *= scale;
  }
}

// ∇³f = 0: the data term is quadratic and the ℓ1 term is piecewise linear (its second
// and third derivatives vanish away from the kinks, as objective_hess_vec assumes too).
// Lets the heavy-ball flow run its η² counter-term here.
fn objective_third_dir(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var j = 0u; j < DIM; j++) {
    (*out)[j] = 0.0;
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var sum = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    let r = design_residual(x, i * DESIGN_STRIDE);
    sum = fma(r, r, sum);
  }
  var norm1 = 0.0;
  for (var j = 0u; j < DIM; j++) {
    norm1 += abs((*x)[j]);
  }
  return fma(model[LEAST_SQUARES_L1], norm1, 0.5 * sum / f32(N_SAMPLES));
}

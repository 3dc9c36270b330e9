// The full gradient of a finite sum f = (1/N) Σᵢ fᵢ from the objective's own
// `objective_sample_grad_add` (g += weight·∇fᵢ): g = Σᵢ (1/N)∇fᵢ. Objectives whose
// sample gradient is all they need define objective_grad by calling this.

fn finite_sum_mean_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var q = 0u; q < DIM; q++) {
    (*g)[q] = 0.0;
  }
  let weight = 1.0 / f32(N_SAMPLES);
  for (var i = 0u; i < N_SAMPLES; i++) {
    objective_sample_grad_add(x, i, weight, g);
  }
}

// Objective: Rastrigin  f(x) = A·D + Σᵢ xᵢ² − A cos(2π xᵢ)  (A = 10 by default;
// Rastrigin 1974, the benchmark of Sato & Iiduka's explicit graduated
// optimization, docs/math.md §2b/§2d): global minimum f(0) = 0, a local minimum
// near every integer point.
// Gaussian smoothing in closed form (u ~ N(0, I)):
//   f_δ(x) = A·D + Σᵢ xᵢ² + δ² − A e^{−2π²δ²} cos(2π xᵢ),
// convex iff δ ≥ √(ln(2π²A)/(2π²)) (0.517447 for A = 10).
// Defines objective_smoothed_loss / objective_smoothed_grad (graduated-gd).
// Parameters: c = 2, A, k = 2π
// (lib/cosine_bumps.wgsl: f = Σ (c/2)xᵢ² + A(1 − cos kxᵢ)).
// Random numbers: none.

// #include "lib/cosine_bumps.wgsl"

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  cosine_bumps_grad(x, 0.0, g);
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  cosine_bumps_hess_vec(x, v, out);
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  return cosine_bumps_loss(x, 0.0);
}

fn objective_smoothed_loss(x: ptr<function, State>, delta: f32) -> f32 {
  return cosine_bumps_loss(x, delta);
}

fn objective_smoothed_grad(x: ptr<function, State>, delta: f32, g: ptr<function, State>) {
  cosine_bumps_grad(x, delta, g);
}

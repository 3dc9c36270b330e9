// Objective: tilted cosine  f(x) = Σᵢ xᵢ²/2 − a cos(k xᵢ) + a  (docs/math.md §2d,
// the multimodal test function of Sato & Iiduka's graduated optimization):
// global minimum f(0) = 0, local minima near the zeros of x + a k sin(kx) where
// 1 + a k² cos(kx) > 0 (a = 1, k = 4: ±1.476293, ±2.935583, …).
// Gaussian smoothing in closed form (u ~ N(0, I)):
//   f_δ(x) = Σᵢ xᵢ²/2 + δ²/2 + a − a e^{−k²δ²/2} cos(k xᵢ),
// convex iff a k² e^{−k²δ²/2} ≤ 1 (δ ≥ √(2 ln(a k²))/k = 0.588705 for a = 1, k = 4).
// Defines objective_smoothed_loss / objective_smoothed_grad (graduated-gd).
// Parameters: c = 1, A = a, k (lib/cosine_bumps.wgsl).
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

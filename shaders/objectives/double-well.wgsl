// Objective: separable double well, f(x) = Σᵢ V(xᵢ), with a saddle at s and two
// wells whose barrier (depth H) and width w are set per side:
//   V(x) = H (φ(u) − 1) + H_max,  u = (x − s)/w,  φ(u) = (u² − 1)²,
// with (H, w) = (H_L, w_L) for x < s and (H_R, w_R) for x ≥ s, H_max = max(H_L, H_R).
// Minima at s − w_L and s + w_R, curvature V'' = 8H/w² there (a narrow well is a
// sharp minimum), barrier H from each side; V is C¹ with a Lipschitz gradient.
// The symmetric default (s = 0, w = 1, H = h) is V = h (x² − 1)² (the Kramers
// potential of docs/math.md §6 for h = ¼).
// Parameters: s at DOUBLE_WELL_S, (H_L, w_L) at DOUBLE_WELL_LEFT, (H_R, w_R) at
// DOUBLE_WELL_RIGHT, H_max at DOUBLE_WELL_FLOOR.
// Random numbers: none.


// (H, w) of the side x lies on.
fn double_well_side(xi: f32) -> vec2<f32> {
  if (xi < model[DOUBLE_WELL_S]) {
    return vec2<f32>(model[DOUBLE_WELL_LEFT], model[DOUBLE_WELL_LEFT + 1u]);
  }
  return vec2<f32>(model[DOUBLE_WELL_RIGHT], model[DOUBLE_WELL_RIGHT + 1u]);
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    let side = double_well_side((*x)[i]);
    let u = ((*x)[i] - model[DOUBLE_WELL_S]) / side.y;
    (*g)[i] = 4.0 * side.x * u * fma(u, u, -1.0) / side.y;
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    let side = double_well_side((*x)[i]);
    let u = ((*x)[i] - model[DOUBLE_WELL_S]) / side.y;
    (*out)[i] = side.x * fma(12.0 * u, u, -4.0) / (side.y * side.y) * (*v)[i];
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var i = 0u; i < DIM; i++) {
    let side = double_well_side((*x)[i]);
    let u = ((*x)[i] - model[DOUBLE_WELL_S]) / side.y;
    let w = fma(u, u, -1.0);
    value += fma(side.x, w * w - 1.0, model[DOUBLE_WELL_FLOOR]);
  }
  return value;
}

// ∇³f[v, v]ᵢ = V‴(xᵢ) vᵢ² with V‴ = 24 H u / w³ (separable: the third-derivative
// tensor is diagonal). Used by the heavy-ball flow's η² counter-term.
fn objective_third_dir(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    let side = double_well_side((*x)[i]);
    let u = ((*x)[i] - model[DOUBLE_WELL_S]) / side.y;
    (*out)[i] = 24.0 * side.x * u / (side.y * side.y * side.y) * (*v)[i] * (*v)[i];
  }
}

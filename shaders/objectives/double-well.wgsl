// Objective: double well  f(x) = h Σᵢ (xᵢ² − 1)²,  ∇f(x)ᵢ = 4h xᵢ (xᵢ² − 1),
// ∇²f = diag(4h (3xᵢ² − 1)). Each coordinate has minima at ±1, a saddle at 0 and
// a barrier ΔV = h; h = ¼ is V = (x² − 1)²/4 of MATH.md (Kramers).
// Parameters (in `model`, from OBJECTIVE_OFFSET): h (1 value).
// Random numbers: none.

const DOUBLE_WELL_H: u32 = OBJECTIVE_OFFSET;

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  let four_h = 4.0 * model[DOUBLE_WELL_H];
  for (var i = 0u; i < DIM; i++) {
    let xi = (*x)[i];
    (*g)[i] = four_h * xi * fma(xi, xi, -1.0);
  }
}

fn objective_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  let four_h = 4.0 * model[DOUBLE_WELL_H];
  for (var i = 0u; i < DIM; i++) {
    let xi = (*x)[i];
    (*out)[i] = four_h * fma(3.0 * xi, xi, -1.0) * (*v)[i];
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var value = 0.0;
  for (var i = 0u; i < DIM; i++) {
    let xi = (*x)[i];
    let w = fma(xi, xi, -1.0);
    value = fma(w, w, value);
  }
  return model[DOUBLE_WELL_H] * value;
}

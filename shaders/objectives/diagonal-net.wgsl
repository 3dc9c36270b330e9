// Objective: a diagonal linear network for regression, β = u ⊙ u − v ⊙ v,
//   f(u, v) = (1/N) Σᵢ ½ (aᵢ·β − yᵢ)²,   state x = [u (DN_FEATURES), v (DN_FEATURES)].
// Its gradient flow from a small initialization finds sparse (ℓ1-like) solutions —
// the implicit bias studied with heavy-ball (docs/math.md §3a). With s = (1/N) Σᵢ rᵢ aᵢ,
// rᵢ = aᵢ·β − yᵢ:  ∇_u f = 2 u ⊙ s,  ∇_v f = −2 v ⊙ s.
// Hessian-vector product exact: for (du, dv), dβ = 2u⊙du − 2v⊙dv, ds = (1/N) AᵀA dβ,
//   H(du, dv) = (2 du⊙s + 2 u⊙ds, −2 dv⊙s − 2 v⊙ds).
// Data (storage `data`): sample i is [aᵢ (DN_FEATURES), yᵢ] at i·(DN_FEATURES + 1).
// Random numbers: none.

// #include "lib/finite_sum.wgsl"

const DN_STRIDE: u32 = DN_FEATURES + 1u;

fn diagonal_net_beta(x: ptr<function, State>, k: u32) -> f32 {
  let u = (*x)[k];
  let v = (*x)[DN_FEATURES + k];
  return fma(u, u, -v * v);
}

fn diagonal_net_residual(x: ptr<function, State>, i: u32) -> f32 {
  var r = -data[i * DN_STRIDE + DN_FEATURES];
  for (var k = 0u; k < DN_FEATURES; k++) {
    r = fma(data[i * DN_STRIDE + k], diagonal_net_beta(x, k), r);
  }
  return r;
}

fn objective_sample_grad_add(x: ptr<function, State>, i: u32, weight: f32, g: ptr<function, State>) {
  let r = weight * diagonal_net_residual(x, i);
  for (var k = 0u; k < DN_FEATURES; k++) {
    let s = r * data[i * DN_STRIDE + k];
    (*g)[k] = fma(2.0 * s, (*x)[k], (*g)[k]);
    (*g)[DN_FEATURES + k] = fma(-2.0 * s, (*x)[DN_FEATURES + k], (*g)[DN_FEATURES + k]);
  }
}

fn objective_grad(x: ptr<function, State>, g: ptr<function, State>) {
  finite_sum_mean_grad(x, g);
}

fn objective_hess_vec(x: ptr<function, State>, dx: ptr<function, State>, out: ptr<function, State>) {
  var s: array<f32, DN_FEATURES>;
  var ds: array<f32, DN_FEATURES>;
  for (var k = 0u; k < DN_FEATURES; k++) {
    s[k] = 0.0;
    ds[k] = 0.0;
  }
  let weight = 1.0 / f32(N_SAMPLES);
  for (var i = 0u; i < N_SAMPLES; i++) {
    let r = diagonal_net_residual(x, i);
    var a_dbeta = 0.0;
    for (var k = 0u; k < DN_FEATURES; k++) {
      let dbeta = 2.0 * ((*x)[k] * (*dx)[k] - (*x)[DN_FEATURES + k] * (*dx)[DN_FEATURES + k]);
      a_dbeta = fma(data[i * DN_STRIDE + k], dbeta, a_dbeta);
    }
    for (var k = 0u; k < DN_FEATURES; k++) {
      s[k] = fma(weight * r, data[i * DN_STRIDE + k], s[k]);
      ds[k] = fma(weight * a_dbeta, data[i * DN_STRIDE + k], ds[k]);
    }
  }
  for (var k = 0u; k < DN_FEATURES; k++) {
    (*out)[k] = 2.0 * ((*dx)[k] * s[k] + (*x)[k] * ds[k]);
    (*out)[DN_FEATURES + k] = -2.0 * ((*dx)[DN_FEATURES + k] * s[k] + (*x)[DN_FEATURES + k] * ds[k]);
  }
}

fn objective_loss(x: ptr<function, State>) -> f32 {
  var total = 0.0;
  for (var i = 0u; i < N_SAMPLES; i++) {
    let r = diagonal_net_residual(x, i);
    total = fma(0.5 * r, r, total);
  }
  return total / f32(N_SAMPLES);
}

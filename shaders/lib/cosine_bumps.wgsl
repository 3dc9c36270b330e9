// #include "lib/trig.wgsl"

// Library: separable "quadratic plus cosine bumps" objectives and their
// Gaussian smoothing in closed form (docs/math.md §2d),
//   f(x) = Σᵢ φ(xᵢ),  φ(x) = (c/2)·x² + A·(1 − cos(k x)),
// the tilted cosine (c = 1, A = a) and Rastrigin (c = 2, A = 10, k = 2π).
// With u ~ N(0, I), the smoothing f_δ(x) = E f(x + δu) is [D]
//   φ_δ(x) = (c/2)(x² + δ²) + A·(1 − e^{−k²δ²/2} cos(k x)),
// since E cos(k(x + δu)) = e^{−k²δ²/2} cos(kx).
// 1 − cos(kx) is evaluated as 2 sin²(kx/2) (no cancellation near the minima),
// and sin/cos by lib/trig.wgsl (WGSL's own are only ~2^-11 accurate).
// Parameters: c at COSINE_BUMPS_C, A at COSINE_BUMPS_AMPLITUDE, k at COSINE_BUMPS_K
// (declared in src/objectives/cosine-bumps.ts).
// Random numbers: none.

// φ(x) with the bumps damped by `damp` = e^{−k²δ²/2} and the quadratic shifted
// by δ²: A(1 − damp) + 2A·damp·sin²(kx/2) + (c/2)(x² + δ²).
fn cosine_bumps_value(xi: f32, delta: f32, damp: f32) -> f32 {
  let c = model[COSINE_BUMPS_C];
  let a = model[COSINE_BUMPS_AMPLITUDE];
  let half = trig_sincos(0.5 * model[COSINE_BUMPS_K] * xi).x;
  return fma(0.5 * c, fma(xi, xi, delta * delta), fma(2.0 * a * damp, half * half, a * (1.0 - damp)));
}

// e^{−k²δ²/2} (exactly 1 at δ = 0).
fn cosine_bumps_damping(delta: f32) -> f32 {
  let kd = model[COSINE_BUMPS_K] * delta;
  return exp(-0.5 * kd * kd);
}

fn cosine_bumps_loss(x: ptr<function, State>, delta: f32) -> f32 {
  let damp = cosine_bumps_damping(delta);
  var value = 0.0;
  for (var i = 0u; i < DIM; i++) {
    value += cosine_bumps_value((*x)[i], delta, damp);
  }
  return value;
}

// ∇f_δ: c xᵢ + A k e^{−k²δ²/2} sin(k xᵢ).
fn cosine_bumps_grad(x: ptr<function, State>, delta: f32, g: ptr<function, State>) {
  let ak = model[COSINE_BUMPS_AMPLITUDE] * model[COSINE_BUMPS_K] * cosine_bumps_damping(delta);
  for (var i = 0u; i < DIM; i++) {
    let xi = (*x)[i];
    (*g)[i] = fma(model[COSINE_BUMPS_C], xi, ak * trig_sincos(model[COSINE_BUMPS_K] * xi).x);
  }
}

// ∇²f v: (c + A k² cos(k xᵢ)) vᵢ (the Hessian is diagonal).
fn cosine_bumps_hess_vec(x: ptr<function, State>, v: ptr<function, State>, out: ptr<function, State>) {
  let k = model[COSINE_BUMPS_K];
  let ak2 = model[COSINE_BUMPS_AMPLITUDE] * k * k;
  for (var i = 0u; i < DIM; i++) {
    (*out)[i] = fma(ak2, trig_sincos(k * (*x)[i]).y, model[COSINE_BUMPS_C]) * (*v)[i];
  }
}

// Dynamics: HA-SME, the Hessian-aware stochastic modified equation of SGD
// (Li, Shen, Zhang & He, arXiv:2405.18373; docs/math.md §4c):
//   dX = −φ₁(ηH)∇f(X) dt + √(ηD) dW,  φ₁(u) = −log(1 − u)/u,
//   D = V (K∘Σ̃) Vᵀ with H = V diag(h) Vᵀ, Σ̃ = VᵀΣV, K_ij = (Lᵢ + Lⱼ)/(uᵢ + uⱼ − uᵢuⱼ),
//   uᵢ = ηhᵢ, Lᵢ = −log(1 − uᵢ),
// in SGD's clock (one step = one SGD step of length η, m substeps; lib/sgd_model.wgsl).
// Quadratic f (H = A constant): the host computes B = −(1/η)log(I − ηA), β = φ₁(ηA)b
// and D in float64, checks ηλ_max < 1 and D ⪰ 0; over one SGD step the law is exactly
// SGD's. EXACT_TRANSITION: the OU transition per substep; else Euler–Maruyama with
// the drift −(B X − β) and S Sᵀ = ηD.
// HESSIAN_MOVING (other objectives, DIM ≤ 8): at every substep H(x) from DIM
// Hessian-vector products, its eigendecomposition (lib/symmetric_eigen.wgsl), the
// drift −φ₁(ηH)∇f and the noise factor (ηD)^{1/2}, the symmetric square root (unique,
// so GPU and CPU agree whatever eigenvector order). Where the model is undefined at x
// (ηλ_max(H) ≥ 1, or D not PSD) the state becomes NaN: counted in `diverged`.
// Parameters: lib/sgd_model.wgsl's, η at HA_SME_LR, then (EM, quadratic) B at HA_SME_B and β at
// HA_SME_BETA, or (HESSIAN_MOVING) Σ (DIM²) at HA_SME_SIGMA.
// Random numbers: purpose NOISE, step k, blocks 0…(m+1)·⌈DIM/4⌉ − 1, coupled to SGD's z_k.

// #include "lib/sgd_model.wgsl"

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

#if ${HESSIAN_MOVING}
// #include "lib/symmetric_eigen.wgsl"

// −log(1 − u): the series Σ uⁿ/n to u⁸ for |u| < 0.1 (docs/math.md §4f), where 1 − u
// loses u's digits in f32 (within 1.1e-7 relative); the logarithm beyond.
fn ha_sme_log_term(u: f32) -> f32 {
  if (abs(u) < 0.1) {
    return u * (1.0 + u * (1.0 / 2.0 + u * (1.0 / 3.0 + u * (1.0 / 4.0 + u * (1.0 / 5.0 + u * (1.0 / 6.0 + u * (1.0 / 7.0 + u * (1.0 / 8.0))))))));
  }
  return -log(1.0 - u);
}

// φ₁(u) = −log(1 − u)/u (1 at u = 0).
fn ha_sme_phi1(u: f32) -> f32 {
  return select(ha_sme_log_term(u) / u, 1.0, u == 0.0);
}

// A quiet NaN, built at run time (a constant NaN is a compile error in WGSL).
fn ha_sme_nan() -> f32 {
  var bits = 0x7fc00000u;
  return bitcast<f32>(bits);
}

// One Euler–Maruyama substep with the matrix functions of H(x) (the lib's HESSIAN_MOVING hook).
fn sgd_model_moving_substep(x: ptr<function, State>, u: ptr<function, State>, dt: f32, sqrt_dt: f32) {
  let eta = model[HA_SME_LR];
  var H: Square;
  for (var q = 0u; q < DIM; q++) {
    var e: State;
    for (var i = 0u; i < DIM; i++) {
      e[i] = select(0.0, 1.0, i == q);
    }
    var column: State;
    objective_hess_vec(x, &e, &column);
    for (var i = 0u; i < DIM; i++) {
      H[i * DIM + q] = column[i];
    }
  }
  for (var i = 0u; i < DIM; i++) {
    for (var q = i + 1u; q < DIM; q++) {
      let mean = 0.5 * (H[i * DIM + q] + H[q * DIM + i]);
      H[i * DIM + q] = mean;
      H[q * DIM + i] = mean;
    }
  }
  var V: Square;
  jacobi_eigen(&H, &V);
  var w: State; // uᵢ = η hᵢ
  var L: State;
  var undefined_here = false;
  for (var i = 0u; i < DIM; i++) {
    w[i] = eta * H[i * DIM + i];
    undefined_here = undefined_here || !(w[i] < 1.0);
    L[i] = ha_sme_log_term(w[i]);
  }
  // drift = −V diag(φ₁(u)) Vᵀ ∇f
  var g: State;
  objective_grad(x, &g);
  var gt: State; // Vᵀ g scaled by φ₁
  for (var i = 0u; i < DIM; i++) {
    var acc = 0.0;
    for (var q = 0u; q < DIM; q++) {
      acc = fma(V[q * DIM + i], g[q], acc);
    }
    gt[i] = acc * ha_sme_phi1(w[i]);
  }
  // D̃ = K∘(VᵀΣV), then D = V D̃ Vᵀ and its symmetric square root.
  var St: Square;
  for (var i = 0u; i < DIM; i++) {
    for (var j = 0u; j < DIM; j++) {
      var acc = 0.0;
      for (var p = 0u; p < DIM; p++) {
        for (var q = 0u; q < DIM; q++) {
          acc = fma(V[p * DIM + i] * model[HA_SME_SIGMA + p * DIM + q], V[q * DIM + j], acc);
        }
      }
      let den = w[i] + w[j] - w[i] * w[j];
      let sum = L[i] + L[j];
      // Lᵢ + Lⱼ = −log(1 − den) where the two logs cancel (uᵢ ≈ −uⱼ: a saddle at small η).
      let cancels = abs(sum) < 0.5 * (abs(L[i]) + abs(L[j]));
      St[i * DIM + j] = acc * select(select(sum / den, 1.0, den == 0.0), ha_sme_phi1(den), cancels);
    }
  }
  var D: Square;
  for (var i = 0u; i < DIM; i++) {
    for (var j = 0u; j < DIM; j++) {
      var acc = 0.0;
      for (var p = 0u; p < DIM; p++) {
        for (var q = 0u; q < DIM; q++) {
          acc = fma(V[i * DIM + p] * St[p * DIM + q], V[j * DIM + q], acc);
        }
      }
      D[i * DIM + j] = eta * acc;
    }
  }
  var W: Square;
  jacobi_eigen(&D, &W);
  var top = 0.0;
  for (var i = 0u; i < DIM; i++) {
    top = max(top, abs(D[i * DIM + i]));
  }
  var root: State;
  for (var i = 0u; i < DIM; i++) {
    undefined_here = undefined_here || D[i * DIM + i] < -1e-5 * top;
    root[i] = sqrt(max(D[i * DIM + i], 0.0));
  }
  // noise = W diag(√λ) Wᵀ u
  var wu: State;
  for (var i = 0u; i < DIM; i++) {
    var acc = 0.0;
    for (var q = 0u; q < DIM; q++) {
      acc = fma(W[q * DIM + i], (*u)[q], acc);
    }
    wu[i] = acc * root[i];
  }
  for (var i = 0u; i < DIM; i++) {
    var drift = 0.0;
    var noise = 0.0;
    for (var q = 0u; q < DIM; q++) {
      drift = fma(-V[i * DIM + q], gt[q], drift);
      noise = fma(W[i * DIM + q], wu[q], noise);
    }
    (*x)[i] = select(fma(dt, drift, fma(sqrt_dt, noise, (*x)[i])), ha_sme_nan(), undefined_here);
  }
}

#else
// −(B x − β), B and β computed on the host (quadratic objectives).
fn sgd_model_drift(x: ptr<function, State>, drift: ptr<function, State>) {
  let B = HA_SME_B;
  let beta = HA_SME_BETA;
  for (var i = 0u; i < DIM; i++) {
    var acc = model[beta + i];
    for (var q = 0u; q < DIM; q++) {
      acc = fma(-model[B + i * DIM + q], (*x)[q], acc);
    }
    (*drift)[i] = acc;
  }
}

#endif

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  sgd_model_step(x, k, stream);
}

// Dynamics: HA-SME, the Hessian-aware stochastic modified equation of SGD
// (Li, Shen, Zhang & He, arXiv:2405.18373; MATH.md §4c):
//   dX = −φ₁(ηH) ∇f(X) dt + √(η D) dW,  φ₁(u) = −log(1 − u)/u,  D = K∘Σ in H's eigenbasis,
// run in SGD's clock (one step = one SGD step of length η, m substeps). On a
// quadratic f = ½xᵀAx − bᵀx, H = A is constant: the drift is −(B X − φ₁(ηA) b)
// with B = −(1/η) log(I − ηA), and over one SGD step the law is exactly SGD's
// (e^{−Bη} = I − ηA, transition covariance η²Σ). The host computes B, φ₁(ηA)b and
// D in float64 by an eigendecomposition of A and checks ηλ_max(A) < 1 and D ⪰ 0.
//   EXACT_TRANSITION: X ← E X + c + L u per substep (Van Loan, float64).
//   else Euler–Maruyama: X ← X − dt (B X − β) + √dt S u, S Sᵀ = ηD.
// Increments u coupled to SGD's noise (lib/sgd_model.wgsl).
// Non-quadratic objectives (a Hessian that moves) are refused for now.
// Parameters (from DYNAMICS_OFFSET): m, dt, √dt, η, then E, c, L (exact) or S, B, β (EM).
// Random numbers: purpose NOISE, step k, blocks 0…(m+1)·⌈DIM/4⌉ − 1 (see lib).

// #include "lib/sgd_model.wgsl"

// −(B x − β), B and β computed on the host (quadratic objectives).
fn sgd_model_drift(x: ptr<function, State>, drift: ptr<function, State>) {
  let B = DYNAMICS_OFFSET + 4u + DIM * DIM;
  let beta = B + DIM * DIM;
  for (var i = 0u; i < DIM; i++) {
    var acc = model[beta + i];
    for (var q = 0u; q < DIM; q++) {
      acc = fma(-model[B + i * DIM + q], (*x)[q], acc);
    }
    (*drift)[i] = acc;
  }
}

fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  sgd_model_step(x, k, stream);
}

// Dynamics: gradient SDE  dX = −∇f(X) dt + σ dW  (Ornstein–Uhlenbeck on a quadratic).
//
// Integrators (wgsl-preprocessor, chosen by the descriptor):
//   EXACT_TRANSITION = false: Euler–Maruyama (Kloeden & Platen 1992, §9.1),
//       X_{k+1} = X_k − dt ∇f(X_k) + √dt · σ Z_k.
//       σ is a scalar, a diagonal (SIGMA_DIAGONAL) or a full d×d matrix (SIGMA_MATRIX).
//   EXACT_TRANSITION = true: the exact OU transition for quadratic objectives
//       (docs/math.md §4c, Van Loan 1978): X_{k+1} = E X_k + c + L Z_k with E = e^{−A dt},
//       c = ∫₀^dt e^{−As} ds · b and L Lᵀ = Q_dt, all computed on the host in float64.
// Parameters (src/dynamics/gradient-sde.ts; the other integrator's are empty):
//   EM:    dt at GRADIENT_SDE_DT, √dt at GRADIENT_SDE_SQRT_DT, σ at GRADIENT_SDE_SIGMA
//          (1, DIM or DIM·DIM values, row-major)
//   exact: E (DIM·DIM) at GRADIENT_SDE_E, c (DIM) at GRADIENT_SDE_C, L (DIM·DIM) at GRADIENT_SDE_L
// Random numbers per step: the step's unit Brownian increment Z_k (DIM normals,
// lib/brownian.wgsl): with steps of 2^r fine steps, the sum of their fine
// increments over √(2^r), so a sweep over dt sees one Brownian path.

// Carries nothing besides x.
fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  (*a)[0] = 0.0;
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  var z = brownian_z;
#if ${EXACT_TRANSITION}
  let E = GRADIENT_SDE_E;
  let c = GRADIENT_SDE_C;
  let L = GRADIENT_SDE_L;
  var next: State;
  for (var i = 0u; i < DIM; i++) {
    var acc = model[c + i];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[E + i * DIM + j], (*x)[j], acc);
      acc = fma(model[L + i * DIM + j], z[j], acc);
    }
    next[i] = acc;
  }
  *x = next;
#else
  let dt = model[GRADIENT_SDE_DT];
  let sqrt_dt = model[GRADIENT_SDE_SQRT_DT];
  let sigma = GRADIENT_SDE_SIGMA;
  var g: State;
  objective_grad(x, &g);
  var next: State;
  for (var i = 0u; i < DIM; i++) {
#if ${SIGMA_MATRIX}
    var noise = 0.0;
    for (var j = 0u; j < DIM; j++) {
      noise = fma(model[sigma + i * DIM + j], z[j], noise);
    }
#elif ${SIGMA_DIAGONAL}
    let noise = model[sigma + i] * z[i];
#else
    let noise = model[sigma] * z[i];
#endif
    next[i] = fma(-dt, g[i], (*x)[i]) + sqrt_dt * noise;
  }
  *x = next;
#endif
}

// Gradient noise: additive Gaussian, g_k = ∇f(x_k) + ζ_k with ζ_k ~ N(0, Σ),
// ζ_k = L z_k where L Lᵀ = Σ (a Cholesky or eigen factor computed on the host
// in float64). NOISE_SCALAR: L = s·I (one word); NOISE_DIAGONAL: L = diag (DIM
// words); else L is DIM×DIM row-major. Parameters: L at NOISE_FACTOR.
// Random numbers per step: z_k is the step's unit Brownian increment, DIM
// normals of the dense NOISE stream (lib/brownian.wgsl, drawn by the kernel),
// the same z_k an SDE model of the method uses at step k, so the two can be
// coupled path by path.

fn noise_grad(x: ptr<function, State>, g: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  objective_grad(x, g);
  let z = brownian_z;
  for (var i = 0u; i < DIM; i++) {
#if ${NOISE_SCALAR}
    (*g)[i] = fma(model[NOISE_FACTOR], z[i], (*g)[i]);
#elif ${NOISE_DIAGONAL}
    (*g)[i] = fma(model[NOISE_FACTOR + i], z[i], (*g)[i]);
#else
    var acc = (*g)[i];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[NOISE_FACTOR + i * DIM + j], z[j], acc);
    }
    (*g)[i] = acc;
#endif
  }
}

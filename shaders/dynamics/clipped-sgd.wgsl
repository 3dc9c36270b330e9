// Dynamics: clipped SGD in the two-timescale framework (Xiao, Hu, Toh,
// arXiv:2307.10053; docs/math.md §5b), φ = the Huber function with threshold c:
//   m_{k+1} = m_k − θ_k r_θ (m_k − g_k),   x_{k+1} = x_k − η_k r_η clip_c(m_{k+1}),
// clip_c(m) = m·min(1, c/‖m‖) (norm clipping), or with CLIP_COORDINATEWISE
// clamp(m, −c, c) (φ = Σᵢ Huber(mᵢ)). The scale c/‖m‖ is formed only where
// ‖m‖ > c, so m = 0 needs no guard.
// Parameters: lr and theta schedules (lib/two_timescale.wgsl), c at CLIPPED_SGD_C.
// Aux: lib/two_timescale.wgsl's. Random numbers: r_η, r_θ at start (purpose
// STEPSIZE); per step, whatever the noise module draws.

// #include "lib/two_timescale.wgsl"


fn dynamics_init(x: ptr<function, State>, a: ptr<function, Aux>, stream: TrajectoryStream) {
  two_timescale_init(a, stream);
}

fn dynamics_step(x: ptr<function, State>, a: ptr<function, Aux>, k: u32, stream: TrajectoryStream) {
  let lr = two_timescale_advance(x, a, k, stream);
  let c = model[CLIPPED_SGD_C];
#if ${CLIP_COORDINATEWISE}
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, clamp((*a)[TWO_TIMESCALE_M + i], -c, c), (*x)[i]);
  }
#else
  let norm = two_timescale_norm(a);
  let scale = select(1.0, c / norm, norm > c);
  for (var i = 0u; i < DIM; i++) {
    (*x)[i] = fma(-lr, (*a)[TWO_TIMESCALE_M + i] * scale, (*x)[i]);
  }
#endif
}

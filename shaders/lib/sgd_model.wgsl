// What the SDE models of SGD (sme, sme2, ha-sme) share: the Brownian increments
// of their substeps, coupled to SGD's own noise, and the exact linear transition
// used on quadratic objectives.
//
// Coupling. SGD step k uses z_k (its unit Brownian increment, lib/brownian.wgsl)
// and moves by −η L z_k. A model taking m substeps of dt = η/m over that step
// uses unit increments u_j (ΔW_j = √dt·u_j), independent N(0, I), with
// Σ_j ΔW_j = −√η·z_k exactly: the model feels the same push as SGD at the step
// times, so strong errors between them are measurable for every m (with m = 1,
// u_0 = −z_k; HA-SME's exact transition then reproduces SGD path by path).
// - m = 2^J: the Lévy construction of the Brownian bridge over the step (a
//   virtual Brownian tree, as diffrax's VirtualBrownianTree): node (ℓ, p) of
//   the dyadic tree, ℓ < J, splits its interval's increment into halves
//   ± ½√τ ξ_(ℓ,p), so that
//     u_j = −z_k/√m + Σ_{ℓ<J} ±2^((ℓ−J)/2) ξ_(ℓ, j >> (J−ℓ))
//   (+ when leaf j lies in the left half of its level-ℓ node). ξ_(ℓ,p) are
//   normals of purpose SUBSTEP, step k, blocks (2^ℓ − 1 + p)·NB + b: runs with
//   m and 2m substeps share the nodes of the coarser tree, so substep j of the
//   first is the sum of substeps 2j and 2j + 1 of the second (a `substeps`
//   sweep of powers of two follows one Brownian path).
// - other m: u_j = ξ_j − ξ̄ − z_k/√m with ξ_j normals of purpose SUBSTEP,
//   step k, blocks j·NB + b, and ξ̄ their mean over j (Cov u = δ_ij − 1/m + 1/m).
//   Runs with different m share only the step's z_k.
// Parameters (declared in src/dynamics/sgd-model.ts, sgdModelFields): m at
// SGD_MODEL_SUBSTEPS, dt at SGD_MODEL_DT, √dt at SGD_MODEL_SQRT_DT, then the exact substep transition E, c, L at SGD_MODEL_E,
// SGD_MODEL_C, SGD_MODEL_L or the Euler–Maruyama factor S at SGD_MODEL_S.

const NOISE_BLOCKS: u32 = (DIM + 3u) / 4u;

// The substep normals ξ of step k from block first_block on (purpose SUBSTEP).
fn model_normals(k: u32, first_block: u32, stream: TrajectoryStream, out: ptr<function, State>) {
  var words: vec4<u32>;
  for (var i = 0u; i < DIM; i++) {
    if ((i & 3u) == 0u) {
      words = trajectory_words(stream, k, RNG_PURPOSE_SUBSTEP, first_block + (i >> 2u));
    }
    (*out)[i] = random_normal(words[i & 3u]);
  }
}

// −z_k/√m − ξ̄ for step k, into base (u_j = ξ_j + base).
fn model_increment_base(k: u32, m: u32, stream: TrajectoryStream, base: ptr<function, State>) {
  for (var i = 0u; i < DIM; i++) {
    (*base)[i] = -brownian_z[i];
  }
  if (m == 1u) {
    return;
  }
  let inv_sqrt_m = inverseSqrt(f32(m));
  var mean: State;
  for (var i = 0u; i < DIM; i++) {
    mean[i] = 0.0;
  }
  var xi: State;
  for (var j = 0u; j < m; j++) {
    model_normals(k, j * NOISE_BLOCKS, stream, &xi);
    for (var i = 0u; i < DIM; i++) {
      mean[i] += xi[i];
    }
  }
  for (var i = 0u; i < DIM; i++) {
    (*base)[i] = fma((*base)[i], inv_sqrt_m, -mean[i] / f32(m));
  }
}

// u_j = ξ_j + base (for m = 1, u_0 = base = −z_k).
fn model_increment(k: u32, j: u32, m: u32, stream: TrajectoryStream, base: ptr<function, State>, u: ptr<function, State>) {
  if (m == 1u) {
    *u = *base;
    return;
  }
  model_normals(k, j * NOISE_BLOCKS, stream, u);
  for (var i = 0u; i < DIM; i++) {
    (*u)[i] += (*base)[i];
  }
}

// x ← E x + c + L u for the exact substep transition: E (DIM²), c (DIM), L (DIM²).
fn model_linear_transition(x: ptr<function, State>, u: ptr<function, State>) {
  let E = SGD_MODEL_E;
  let c = SGD_MODEL_C;
  let L = SGD_MODEL_L;
  var next: State;
  for (var i = 0u; i < DIM; i++) {
    var acc = model[c + i];
    for (var j = 0u; j < DIM; j++) {
      acc = fma(model[E + i * DIM + j], (*x)[j], acc);
      acc = fma(model[L + i * DIM + j], (*u)[j], acc);
    }
    next[i] = acc;
  }
  *x = next;
}

// x ← x + dt·drift + √dt·S u (Euler–Maruyama substep; S, DIM² row-major).
fn model_em_update(x: ptr<function, State>, drift: ptr<function, State>, u: ptr<function, State>, dt: f32, sqrt_dt: f32) {
  for (var i = 0u; i < DIM; i++) {
    var noise = 0.0;
    for (var j = 0u; j < DIM; j++) {
      noise = fma(model[SGD_MODEL_S + i * DIM + j], (*u)[j], noise);
    }
    (*x)[i] = fma(dt, (*drift)[i], fma(sqrt_dt, noise, (*x)[i]));
  }
}

// u_j for m = 2^J substeps: the leaf j of the step's virtual Brownian tree.
fn model_tree_increment(k: u32, j: u32, m: u32, stream: TrajectoryStream, u: ptr<function, State>) {
  let levels = countTrailingZeros(m);
  let inv_sqrt_m = inverseSqrt(f32(m));
  for (var i = 0u; i < DIM; i++) {
    (*u)[i] = -brownian_z[i] * inv_sqrt_m;
  }
  var xi: State;
  for (var l = 0u; l < levels; l++) {
    let e = levels - l; // leaf j sits 2^e leaves deep under its level-l node
    let node = (1u << l) - 1u + (j >> e);
    model_normals(k, node * NOISE_BLOCKS, stream, &xi);
    // 2^((l − J)/2), exactly a power of two times 1 or √½.
    let size = ldexp(select(1.0, 0.70710678, (e & 1u) == 1u), -i32(e >> 1u));
    let c = select(size, -size, ((j >> (e - 1u)) & 1u) == 1u);
    for (var i = 0u; i < DIM; i++) {
      (*u)[i] = fma(c, xi[i], (*u)[i]);
    }
  }
}

// One SGD step of the model: m substeps, each exact (EXACT_TRANSITION), or one
// the including module computes itself from x (HESSIAN_MOVING: its
// `sgd_model_moving_substep`, for matrix functions of H(x)), or Euler–Maruyama
// with the including module's `sgd_model_drift` and the constant factor S.
fn sgd_model_step(x: ptr<function, State>, k: u32, stream: TrajectoryStream) {
  let m = u32(model[SGD_MODEL_SUBSTEPS]);
  let dt = model[SGD_MODEL_DT];
  let sqrt_dt = model[SGD_MODEL_SQRT_DT];
  let dyadic = (m & (m - 1u)) == 0u;
  var base: State;
  if (!dyadic) {
    model_increment_base(k, m, stream, &base);
  }
  for (var j = 0u; j < m; j++) {
    var u: State;
    if (dyadic) {
      model_tree_increment(k, j, m, stream, &u);
    } else {
      model_increment(k, j, m, stream, &base, &u);
    }
#if ${EXACT_TRANSITION}
    model_linear_transition(x, &u);
#elif ${HESSIAN_MOVING}
    sgd_model_moving_substep(x, &u, dt, sqrt_dt);
#else
    var drift: State;
    sgd_model_drift(x, &drift);
    model_em_update(x, &drift, &u, dt, sqrt_dt);
#endif
  }
}

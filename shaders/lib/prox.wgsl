// Library: proximal maps of the components of a quadratic sum (MATH.md §1c,
// table "Exact sub-flows S_t and prox operators"), applied in place to one
// trajectory's state x = state[base … base + DIM − 1] in the storage buffer.
// The batch dynamics keep their state there (STATE_IN_STORAGE, kernels/integrate.wgsl):
// states of d = 256–1,024 need no private copy, whose compile time on llvmpipe grows as d².
// Every set projection is independent of the step; the soft threshold takes
// its threshold κ = step·scale·λ from the caller (scaling rule: a component
// picked with probability q takes the prox of f/q, i.e. step τ/q).
// Parameters: each map reads its data from `model` at a word offset `at`;
// products write their result to `aux[scratch …]` (DIM words) before copying it back.
// Float64 twin: src/reference/prox.ts (same names in camelCase).
// Random numbers: none.

// S_κ(x)_i = sign(x_i)·max(|x_i| − κ, 0): prox of κ‖·‖₁, and the ℓ1 subgradient flow's minimal section for time κ/λ.
fn prox_soft_threshold(base: u32, kappa: f32) {
  for (var i = 0u; i < DIM; i++) {
    let v = state[base + i];
    state[base + i] = sign(v) * max(abs(v) - kappa, 0.0);
  }
}

// clamp(x, l, u): lower bounds at model[at …], upper bounds at model[at + DIM …].
fn prox_box(base: u32, at: u32) {
  for (var i = 0u; i < DIM; i++) {
    state[base + i] = clamp(state[base + i], model[at + i], model[at + DIM + i]);
  }
}

// Projection on {aᵀx ≤ b}: x − max(0, aᵀx − b)/‖a‖²·a; a at model[at …].
fn prox_halfspace(base: u32, at: u32, b: f32, norm2: f32) {
  var ax = 0.0;
  for (var i = 0u; i < DIM; i++) {
    ax = fma(model[at + i], state[base + i], ax);
  }
  let c = max(0.0, ax - b) / norm2;
  for (var i = 0u; i < DIM; i++) {
    state[base + i] = fma(-c, model[at + i], state[base + i]);
  }
}

// Projection on the ball B(c, r): c + r(x − c)/max(r, ‖x − c‖); c at model[at …].
fn prox_ball(base: u32, at: u32, radius: f32) {
  var n2 = 0.0;
  for (var i = 0u; i < DIM; i++) {
    let v = state[base + i] - model[at + i];
    n2 = fma(v, v, n2);
  }
  let s = radius / max(radius, sqrt(n2));
  for (var i = 0u; i < DIM; i++) {
    let c = model[at + i];
    state[base + i] = fma(s, state[base + i] - c, c);
  }
}

// Projection on the obstacle set {x ≥ ψ}: max(x, ψ) componentwise; ψ at model[at …].
fn prox_obstacle(base: u32, at: u32) {
  for (var i = 0u; i < DIM; i++) {
    state[base + i] = max(state[base + i], model[at + i]);
  }
}

// Rows of a DIM×DIM matrix are stored with stride PROX_STRIDE (DIM rounded up
// to a multiple of 4, zero padded); products take 4 terms per loop trip: a
// quarter of the trips of llvmpipe's per-invocation loop budget.
const PROX_STRIDE: u32 = 4u * ((DIM + 3u) / 4u);
const PROX_FULL: u32 = DIM & ~3u;

// Σ_j model[row + j]·x_j.
fn prox_row_dot(row: u32, base: u32) -> f32 {
  var acc = 0.0;
  for (var j = 0u; j < PROX_FULL; j += 4u) {
    let m = vec4<f32>(model[row + j], model[row + j + 1u], model[row + j + 2u], model[row + j + 3u]);
    acc += dot(m, vec4<f32>(state[base + j], state[base + j + 1u], state[base + j + 2u], state[base + j + 3u]));
  }
  for (var j = PROX_FULL; j < DIM; j++) {
    acc = fma(model[row + j], state[base + j], acc);
  }
  return acc;
}

// x ← aux[scratch …].
fn prox_copy_back(base: u32, scratch: u32) {
  for (var i = 0u; i < DIM; i++) {
    state[base + i] = aux[scratch + i];
  }
}

// x ← M x + r: the exact step of a quadratic sub-flow (M = e^{−hQ}) and the
// quadratic prox (M = (I + τQ)^{−1}), both precomputed in float64 on the host.
// M at model[at …] (rows of stride PROX_STRIDE), r at model[at + DIM·PROX_STRIDE …].
fn prox_affine(base: u32, scratch: u32, at: u32) {
  let r = at + DIM * PROX_STRIDE;
  for (var i = 0u; i < DIM; i++) {
    aux[scratch + i] = model[r + i] + prox_row_dot(at + i * PROX_STRIDE, base);
  }
  prox_copy_back(base, scratch);
}

// 1 − e^{−z} = −expm1(−z) without cancellation (WGSL has no expm1): the series
// z − z²/2 + z³/6 − z⁴/24 below 1e−3, where it is exact to f32 rounding.
fn prox_one_minus_exp(z: f32) -> f32 {
  if (z < 1e-3) {
    return z * (1.0 - z * (0.5 - z * (1.0 / 6.0 - z * (1.0 / 24.0))));
  }
  return 1.0 - exp(-z);
}

// Flow of ½xᵀQx − qᵀx for time s in Q's eigenbasis Q = V diag(λ) Vᵀ:
// z = Vᵀx, z_k ← e^{−sλ_k} z_k + ((1 − e^{−sλ_k})/λ_k) β_k with β = Vᵀq (s β_k when λ_k = 0), x = V z.
// Vᵀ at model[at …] (row k = eigenvector k, stride PROX_STRIDE), λ at
// model[at + DIM·PROX_STRIDE …], β after λ. For pieces of random length (exponential switching).
fn prox_spectral_flow(base: u32, scratch: u32, at: u32, s: f32) {
  let lambda = at + DIM * PROX_STRIDE;
  let beta = lambda + DIM;
  for (var i = 0u; i < DIM; i++) {
    aux[scratch + i] = 0.0;
  }
  for (var k = 0u; k < DIM; k++) {
    let row = at + k * PROX_STRIDE;
    let l = model[lambda + k];
    let sl = s * l;
    let gain = select(prox_one_minus_exp(sl) / l, s, sl == 0.0);
    let z = fma(exp(-sl), prox_row_dot(row, base), gain * model[beta + k]);
    for (var j = 0u; j < DIM; j++) {
      aux[scratch + j] = fma(z, model[row + j], aux[scratch + j]);
    }
  }
  prox_copy_back(base, scratch);
}

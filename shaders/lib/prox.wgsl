// Library: proximal maps of the components of a quadratic sum (docs/math.md §1c,
// table "Exact sub-flows S_t and prox operators"), applied in place to one
// trajectory's state x = state[base … base + DIM − 1] in the storage buffer.
// The batch dynamics keep their state there (STATE_IN_STORAGE, kernels/integrate.wgsl):
// states of d = 256–1,024 need no private copy, whose compile time on llvmpipe grows as d².
// Every set projection is independent of the step; the soft threshold takes
// its threshold κ = step·scale·λ from the caller (scaling rule: a component
// picked with probability q takes the prox of f/q, i.e. step τ/q).
// Parameters: each map reads its data from `model` at a word offset `at`
// (an affine or spectral block: its header BATCH_BLOCK_FIRST, BATCH_BLOCK_SIZE, then
// the matrix at BATCH_BLOCK_ROWS and the vectors after it);
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

// The quadratic maps act on a block: a batch's Q_B is zero outside rows and
// columns [lo, lo + n) (the hull of its support: a subdomain in domain
// decomposition), so its flow and resolvent are the identity there and only
// the n×n block is stored and applied. A block's header at model[at]: lo, n;
// its rows follow with stride 4⌈n/4⌉ (zero padded), and products take 4 terms
// per loop trip: a quarter of the trips of llvmpipe's per-invocation loop budget.
// The block of x is copied into a private vec4 array first: its chunk index is
// the same in every lane, so the reads are plain vector loads, not per-lane
// gathers from the storage buffer (1.6–2.5× faster at d = 256 on llvmpipe). These
// arrays are only read and written in simple loops; passing a private state
// through the maps by pointer made llvmpipe's compile time grow as d².
fn prox_stride(n: u32) -> u32 {
  return 4u * ((n + 3u) / 4u);
}

// state[first …] ← aux[scratch …] (n words).
fn prox_copy_back(first: u32, scratch: u32, n: u32) {
  for (var i = 0u; i < n; i++) {
    state[first + i] = aux[scratch + i];
  }
}

// x ← M x + r on the block: the exact step of a quadratic sub-flow (M = e^{−hQ}) and
// the quadratic prox (M = (I + τQ)^{−1}), both precomputed in float64 on the host.
// After the header: M (n rows of stride 4⌈n/4⌉), then r (n).
fn prox_affine(base: u32, scratch: u32, at: u32) {
  let first = base + u32(model[at + BATCH_BLOCK_FIRST]);
  let n = u32(model[at + BATCH_BLOCK_SIZE]);
  let stride = prox_stride(n);
  let m = at + BATCH_BLOCK_ROWS;
  let r = m + n * stride;
  // The block in private memory: the product's reads x[j] (j the same in every lane) are then plain vector loads.
  var xs: array<vec4<f32>, (DIM + 3u) / 4u>;
  for (var j = 0u; j < n; j++) {
    xs[j >> 2u][j & 3u] = state[first + j];
  }
  let chunks = (n + 3u) / 4u;
  for (var i = 0u; i < n; i++) {
    let row = m + i * stride;
    var acc = vec4<f32>(0.0);
    for (var c = 0u; c < chunks; c++) {
      let j = row + 4u * c;
      acc = fma(vec4<f32>(model[j], model[j + 1u], model[j + 2u], model[j + 3u]), xs[c], acc);
    }
    aux[scratch + i] = model[r + i] + (acc.x + acc.y) + (acc.z + acc.w);
  }
  prox_copy_back(first, scratch, n);
}

// 1 − e^{−z} = −expm1(−z) without cancellation (WGSL has no expm1): the series
// z − z²/2 + z³/6 − z⁴/24 below 1e−3, where it is exact to f32 rounding.
fn prox_one_minus_exp(z: f32) -> f32 {
  if (z < 1e-3) {
    return z * (1.0 - z * (0.5 - z * (1.0 / 6.0 - z * (1.0 / 24.0))));
  }
  return 1.0 - exp(-z);
}

// Flow of ½xᵀQx − qᵀx for time s in Q's eigenbasis Q = V diag(λ) Vᵀ (on the block):
// z = Vᵀx, z_k ← e^{−sλ_k} z_k + ((1 − e^{−sλ_k})/λ_k) β_k with β = Vᵀq (s β_k when λ_k = 0), x = V z.
// After the header: Vᵀ (row k = eigenvector k, stride 4⌈n/4⌉), λ (n), β (n).
// For pieces of random length (exponential switching).
fn prox_spectral_flow(base: u32, scratch: u32, at: u32, s: f32) {
  let first = base + u32(model[at + BATCH_BLOCK_FIRST]);
  let n = u32(model[at + BATCH_BLOCK_SIZE]);
  let stride = prox_stride(n);
  let vt = at + BATCH_BLOCK_ROWS;
  let lambda = vt + n * stride;
  let beta = lambda + n;
  let chunks = (n + 3u) / 4u;
  // x and V z in private memory (chunk indices are the same in every lane: vector loads).
  var xs: array<vec4<f32>, (DIM + 3u) / 4u>;
  var ys: array<vec4<f32>, (DIM + 3u) / 4u>;
  for (var j = 0u; j < n; j++) {
    xs[j >> 2u][j & 3u] = state[first + j];
  }
  for (var k = 0u; k < n; k++) {
    let row = vt + k * stride;
    var acc = vec4<f32>(0.0);
    for (var c = 0u; c < chunks; c++) {
      let j = row + 4u * c;
      acc = fma(vec4<f32>(model[j], model[j + 1u], model[j + 2u], model[j + 3u]), xs[c], acc);
    }
    let l = model[lambda + k];
    let sl = s * l;
    let gain = select(prox_one_minus_exp(sl) / l, s, sl == 0.0);
    let z = fma(exp(-sl), (acc.x + acc.y) + (acc.z + acc.w), gain * model[beta + k]);
    for (var c = 0u; c < chunks; c++) {
      let j = row + 4u * c;
      ys[c] = fma(vec4<f32>(z), vec4<f32>(model[j], model[j + 1u], model[j + 2u], model[j + 3u]), ys[c]);
    }
  }
  for (var j = 0u; j < n; j++) {
    state[first + j] = ys[j >> 2u][j & 3u];
  }
}

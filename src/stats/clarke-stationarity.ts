/**
 * A computable measure of Clarke stationarity (docs/math.md §5): the distance from 0
 * to the convex hull of subgradients sampled in an ε-ball around x,
 *   ρ_ε(x) = min { ‖Σ_j λ_j g_j‖ : λ ∈ simplex },  g_j ∈ ∂f(x + ε u_j),
 * with u_0 = 0 and u_1…u_m uniform in the unit ball. ρ_ε(x) = 0 when 0 is a
 * convex combination of nearby subgradients (Goldstein ε-stationarity, the
 * gradient-sampling test of Burke, Lewis & Overton 2005); at a smooth point it
 * tends to ‖∇f(x)‖. Solved here as a small min-norm problem by accelerated
 * projected gradient on the simplex (float64, on the host).
 */
export function minNormInHull(points: Float64Array[], iterations = 1000): number {
  const m = points.length;
  const d = points[0].length;
  // Gram matrix Q = GᵀG; minimize ½λᵀQλ over the simplex.
  const Q = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += points[a][i] * points[b][i];
      Q[a * m + b] = Q[b * m + a] = s;
    }
  }
  let lipschitz = 0;
  for (let a = 0; a < m; a++) {
    let row = 0;
    for (let b = 0; b < m; b++) row += Math.abs(Q[a * m + b]);
    lipschitz = Math.max(lipschitz, row);
  }
  if (lipschitz === 0) return 0;
  let lambda: Float64Array = new Float64Array(m).fill(1 / m);
  let y: Float64Array = Float64Array.from(lambda);
  let t = 1;
  const grad = new Float64Array(m);
  for (let it = 0; it < iterations; it++) {
    if (it % 25 === 0 && frankWolfeGap(Q, lambda, m) <= 1e-10 * lipschitz) break;
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let b = 0; b < m; b++) s += Q[a * m + b] * y[b];
      grad[a] = s;
    }
    const next = projectToSimplex(y.map((v, a) => v - grad[a] / lipschitz));
    const tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
    y = next.map((v, a) => v + ((t - 1) / tNext) * (v - lambda[a]));
    lambda = next;
    t = tNext;
  }
  let value = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) value += lambda[a] * Q[a * m + b] * lambda[b];
  return Math.sqrt(Math.max(0, value));
}

/**
 * The Frank–Wolfe duality gap λᵀQλ − min_a (Qλ)_a of ½λᵀQλ on the simplex: it
 * bounds the suboptimality, so iterations stop once it is negligible.
 */
function frankWolfeGap(Q: Float64Array, lambda: Float64Array, m: number): number {
  let quadratic = 0;
  let smallest = Infinity;
  for (let a = 0; a < m; a++) {
    let row = 0;
    for (let b = 0; b < m; b++) row += Q[a * m + b] * lambda[b];
    quadratic += lambda[a] * row;
    smallest = Math.min(smallest, row);
  }
  return quadratic - smallest;
}

/** Euclidean projection onto the probability simplex (Held, Wolfe & Crowder; sort-based). */
export function projectToSimplex(v: Float64Array): Float64Array {
  const sorted = Float64Array.from(v).sort().reverse();
  let cumulative = 0;
  let tau = 0;
  for (let k = 0; k < sorted.length; k++) {
    cumulative += sorted[k];
    const candidate = (cumulative - 1) / (k + 1);
    if (sorted[k] - candidate > 0) tau = candidate;
  }
  return v.map((x) => Math.max(0, x - tau));
}

/** Deterministic points in the unit ball for sample j of trajectory t (a small xorshift; reproducible, not Philox). */
function ballPoint(dim: number, seed: number, out: Float64Array): void {
  let s = seed >>> 0 || 0x9e3779b9;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 2 ** 32;
  };
  let norm2 = 0;
  for (let i = 0; i < dim; i++) {
    // Box–Muller normal, then scaled to a uniform radius in the ball.
    out[i] = Math.sqrt(-2 * Math.log(next())) * Math.cos(2 * Math.PI * next());
    norm2 += out[i] * out[i];
  }
  const radius = next() ** (1 / dim) / Math.sqrt(norm2);
  for (let i = 0; i < dim; i++) out[i] *= radius;
}

/** ρ_ε(x) with `samples` sampled subgradients besides the one at x itself. */
export function clarkeStationarity(
  x: ArrayLike<number>,
  subgradient: (at: Float64Array, out: Float64Array) => void,
  epsilon: number,
  samples: number,
  seed: number,
): number {
  const dim = x.length;
  const u = new Float64Array(dim);
  const at = new Float64Array(dim);
  const points: Float64Array[] = [];
  for (let j = 0; j <= samples; j++) {
    if (j === 0) u.fill(0);
    else ballPoint(dim, Math.imul(seed + 1, 0x85ebca6b) ^ Math.imul(j, 0xc2b2ae35), u);
    for (let i = 0; i < dim; i++) at[i] = x[i] + epsilon * u[i];
    const g = new Float64Array(dim);
    subgradient(at, g);
    points.push(g);
  }
  return minNormInHull(points);
}

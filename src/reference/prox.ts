/**
 * Float64 twin of shaders/lib/prox.wgsl: the proximal maps of a quadratic sum's
 * components (docs/math.md §1c), in place on a state. Same names as the WGSL
 * functions, in camelCase; data passed as arrays instead of `model` offsets.
 */

/** S_κ(x)_i = sign(x_i)·max(|x_i| − κ, 0) (prox of κ‖·‖₁). */
export function proxSoftThreshold(x: Float64Array, kappa: number): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.sign(x[i]) * Math.max(Math.abs(x[i]) - kappa, 0);
}

/** clamp(x, lower, upper). */
export function proxBox(x: Float64Array, lower: ArrayLike<number>, upper: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
}

/** Projection on {aᵀx ≤ b}: x − max(0, aᵀx − b)/‖a‖²·a. */
export function proxHalfspace(x: Float64Array, normal: ArrayLike<number>, b: number, norm2: number): void {
  let ax = 0;
  for (let i = 0; i < x.length; i++) ax += normal[i] * x[i];
  const c = Math.max(0, ax - b) / norm2;
  for (let i = 0; i < x.length; i++) x[i] -= c * normal[i];
}

/** Projection on the ball B(c, r): c + r(x − c)/max(r, ‖x − c‖). */
export function proxBall(x: Float64Array, center: ArrayLike<number>, radius: number): void {
  let n2 = 0;
  for (let i = 0; i < x.length; i++) n2 += (x[i] - center[i]) ** 2;
  const s = radius / Math.max(radius, Math.sqrt(n2));
  for (let i = 0; i < x.length; i++) x[i] = center[i] + s * (x[i] - center[i]);
}

/** max(x, ψ) componentwise (projection on {x ≥ ψ}). */
export function proxObstacle(x: Float64Array, psi: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.max(x[i], psi[i]);
}

/** x ← M x + r on the block [lo, lo + n) (M row-major n×n); the identity elsewhere. */
export function proxAffine(x: Float64Array, lo: number, n: number, M: Float64Array, r: Float64Array, scratch: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let acc = r[i];
    for (let j = 0; j < n; j++) acc += M[i * n + j] * x[lo + j];
    scratch[i] = acc;
  }
  x.set(scratch.subarray(0, n), lo);
}

/**
 * Flow of ½xᵀQx − qᵀx for time s in Q's eigenbasis, on the block [lo, lo + n): z = Vᵀx,
 * z_k ← e^{−sλ_k}z_k − expm1(−sλ_k)/λ_k·β_k (s·β_k when λ_k = 0), x = V z.
 * `vt` is Vᵀ row-major (row k = eigenvector k).
 */
export function proxSpectralFlow(x: Float64Array, lo: number, n: number, vt: Float64Array, lambda: Float64Array, beta: Float64Array, s: number, scratch: Float64Array): void {
  scratch.fill(0, 0, n);
  for (let k = 0; k < n; k++) {
    let z = 0;
    for (let j = 0; j < n; j++) z += vt[k * n + j] * x[lo + j];
    const sl = s * lambda[k];
    const gain = sl === 0 ? s : -Math.expm1(-sl) / lambda[k];
    z = Math.exp(-sl) * z + gain * beta[k];
    for (let j = 0; j < n; j++) scratch[j] += z * vt[k * n + j];
  }
  x.set(scratch.subarray(0, n), lo);
}

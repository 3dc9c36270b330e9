/**
 * Float64 twin of shaders/lib/prox.wgsl: the proximal maps of a quadratic sum's
 * components (MATH.md §1c), in place on a state. Same names as the WGSL
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

/** x ← M x + r (M row-major d×d). */
export function proxAffine(x: Float64Array, M: Float64Array, r: Float64Array, scratch: Float64Array): void {
  const d = x.length;
  for (let i = 0; i < d; i++) {
    let acc = r[i];
    for (let j = 0; j < d; j++) acc += M[i * d + j] * x[j];
    scratch[i] = acc;
  }
  x.set(scratch.subarray(0, d));
}

/**
 * Flow of ½xᵀQx − qᵀx for time s in Q's eigenbasis: z = Vᵀx,
 * z_k ← e^{−sλ_k}z_k − expm1(−sλ_k)/λ_k·β_k (s·β_k when λ_k = 0), x = V z.
 * `vt` is Vᵀ row-major (row k = eigenvector k).
 */
export function proxSpectralFlow(x: Float64Array, vt: Float64Array, lambda: Float64Array, beta: Float64Array, s: number, scratch: Float64Array): void {
  const d = x.length;
  scratch.fill(0, 0, d);
  for (let k = 0; k < d; k++) {
    let z = 0;
    for (let j = 0; j < d; j++) z += vt[k * d + j] * x[j];
    const sl = s * lambda[k];
    const gain = sl === 0 ? s : -Math.expm1(-sl) / lambda[k];
    z = Math.exp(-sl) * z + gain * beta[k];
    for (let j = 0; j < d; j++) scratch[j] += z * vt[k * d + j];
  }
  x.set(scratch.subarray(0, d));
}

/**
 * Count, mean and central sums M2, M3, M4 of several scalar features, merged in
 * float64 by the pairwise formulas of Chan, Golub & LeVeque (1979) and Pébay
 * (2008). The GPU reduces blocks in f32 with the same formulas; the host merges
 * the block partials here, in block order, so any chunking gives the same numbers
 * and shards merge to rounding.
 */
export class FeatureMoments {
  count = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;
  readonly m3: Float64Array;
  readonly m4: Float64Array;

  constructor(readonly features: number) {
    this.mean = new Float64Array(features);
    this.m2 = new Float64Array(features);
    this.m3 = new Float64Array(features);
    this.m4 = new Float64Array(features);
  }

  /** Merges a block partial laid out as [n, (mean, M2, M3, M4) × features] from `values[at]`. */
  mergePartial(values: ArrayLike<number>, at: number): void {
    const n = values[at];
    for (let f = 0; f < this.features; f++) {
      const p = at + 1 + 4 * f;
      this.mergeFeature(f, n, values[p], values[p + 1], values[p + 2], values[p + 3]);
    }
    if (n > 0) this.count += n;
  }

  /** Merges another accumulator of the same features. */
  merge(other: FeatureMoments): void {
    for (let f = 0; f < this.features; f++) this.mergeFeature(f, other.count, other.mean[f], other.m2[f], other.m3[f], other.m4[f]);
    if (other.count > 0) this.count += other.count;
  }

  /** Adds one sample of every feature (the float64 reference's path). */
  push(values: ArrayLike<number>): void {
    for (let f = 0; f < this.features; f++) this.mergeFeature(f, 1, values[f], 0, 0, 0);
    this.count += 1;
  }

  // Merges (nb, mean b, M2b, M3b, M4b) into feature f; this.count is n_a (updated by the caller).
  private mergeFeature(f: number, nb: number, meanB: number, b2: number, b3: number, b4: number): void {
    if (nb === 0) return;
    const na = this.count;
    const n = na + nb;
    const delta = meanB - this.mean[f];
    const dn = delta / n;
    const a2 = this.m2[f];
    const a3 = this.m3[f];
    // nb / n is exactly 1 when this accumulator is empty, so merging into an empty one copies the mean exactly.
    this.mean[f] += delta * (nb / n);
    this.m4[f] += b4 + delta * dn * dn * dn * na * nb * (na * na - na * nb + nb * nb) + 6 * dn * dn * (na * na * b2 + nb * nb * a2) + 4 * dn * (na * b3 - nb * a3);
    this.m3[f] += b3 + delta * dn * dn * na * nb * (na - nb) + 3 * dn * (na * b2 - nb * a2);
    this.m2[f] += b2 + delta * dn * na * nb;
  }

  /** Unbiased sample variance of feature f (NaN with fewer than two samples). */
  variance(f: number): number {
    return this.count > 1 ? this.m2[f] / (this.count - 1) : NaN;
  }

  /** Standard error of the mean of feature f: √(s²/n). */
  meanStandardError(f: number): number {
    return Math.sqrt(this.variance(f) / this.count);
  }

  /**
   * Standard error of the sample variance of feature f from the fourth moment,
   * Var(s²) ≈ (μ4 − μ2²(n − 3)/(n − 1))/n — valid for any law with a fourth
   * moment, not only Gaussians (a double well's bimodal law is far from one).
   */
  varianceStandardError(f: number): number {
    const n = this.count;
    if (n < 4) return NaN;
    const mu2 = this.m2[f] / n;
    const mu4 = this.m4[f] / n;
    return Math.sqrt(Math.max(0, mu4 - (mu2 * mu2 * (n - 3)) / (n - 1)) / n);
  }

  toJSON() {
    return { count: this.count, mean: Array.from(this.mean), m2: Array.from(this.m2), m3: Array.from(this.m3), m4: Array.from(this.m4) };
  }

  static fromJSON(json: ReturnType<FeatureMoments['toJSON']>): FeatureMoments {
    const m = new FeatureMoments(json.mean.length);
    m.count = json.count;
    m.mean.set(json.mean);
    m.m2.set(json.m2);
    m.m3.set(json.m3);
    m.m4.set(json.m4);
    return m;
  }
}

/**
 * Count, mean, co-moments C_ij = Σ (x_i − m_i)(x_j − m_j) and the mixed third and
 * fourth co-moments M21_ij = Σ (x_i − m_i)²(x_j − m_j), M12_ij = Σ (x_i − m_i)(x_j − m_j)²,
 * M22_ij = Σ (x_i − m_i)²(x_j − m_j)², i ≤ j (upper triangle, row-major), merged in
 * float64 by the pairwise updates of Chan et al. and Pébay (2008): with the two
 * sides' deviations from the merged mean α = −δ n_b/n and β = δ n_a/n,
 * C = C_a + C_b + δ_i δ_j n_a n_b / n,
 * M21 = Σ_sides M21 + α_j C_ii + 2α_i C_ij + n α_i² α_j (M12 alike),
 * M22 = Σ_sides M22 + 2α_j M21 + 2α_i M12 + α_j² C_ii + α_i² C_jj + 4α_i α_j C_ij + n α_i² α_j².
 * M22 gives the standard error of a covariance entry for any law with fourth moments
 * (on the diagonal M21 = M12 = M3 and M22 = M4, and the formula is the variance's).
 */
export class CoMoments {
  count = 0;
  readonly mean: Float64Array;
  readonly c: Float64Array;
  readonly m21: Float64Array;
  readonly m12: Float64Array;
  readonly m22: Float64Array;

  constructor(readonly dim: number) {
    const pairs = (dim * (dim + 1)) / 2;
    this.mean = new Float64Array(dim);
    this.c = new Float64Array(pairs);
    this.m21 = new Float64Array(pairs);
    this.m12 = new Float64Array(pairs);
    this.m22 = new Float64Array(pairs);
  }

  /** Upper-triangle words: d(d + 1)/2. */
  get pairs(): number {
    return this.c.length;
  }

  /**
   * Merges a block: n samples, mean i at `values[meanAt + meanStride·i]`, then from
   * `values[cAt]` the blocks C, M21, M12, M22 of `pairs` words each (StatisticsLayout).
   */
  mergePartial(n: number, values: ArrayLike<number>, meanAt: number, meanStride: number, cAt: number): void {
    if (n === 0) return;
    const w = this.pairs;
    const meanB = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) meanB[i] = values[meanAt + meanStride * i];
    this.mergeWith(n, meanB, (p) => values[cAt + p], (p) => values[cAt + w + p], (p) => values[cAt + 2 * w + p], (p) => values[cAt + 3 * w + p]);
  }

  merge(other: CoMoments): void {
    if (other.count === 0) return;
    this.mergeWith(
      other.count,
      other.mean,
      (p) => other.c[p],
      (p) => other.m21[p],
      (p) => other.m12[p],
      (p) => other.m22[p],
    );
  }

  push(x: ArrayLike<number>): void {
    const zero = () => 0;
    this.mergeWith(1, x, zero, zero, zero, zero);
  }

  private mergeWith(nb: number, meanB: ArrayLike<number>, cb: (p: number) => number, b21: (p: number) => number, b12: (p: number) => number, b22: (p: number) => number): void {
    const na = this.count;
    const n = na + nb;
    const d = this.dim;
    const delta = new Float64Array(d);
    for (let i = 0; i < d; i++) delta[i] = meanB[i] - this.mean[i];
    // Deviations of each side's mean from the merged mean: α for this side, β for the other.
    const alpha = delta.map((v) => (-v * nb) / n);
    const beta = delta.map((v) => (v * na) / n);
    const diag = (i: number) => i * d - (i * (i - 1)) / 2;
    const ca = Float64Array.from(this.c);
    const cbAll = Float64Array.from({ length: this.pairs }, (_, p) => cb(p));
    // Shifts one side's (C, M21, M12, M22) of pair (i, j) at p to the merged mean.
    const shift = (s: Float64Array, cs: Float64Array, ns: number, i: number, j: number, p: number, m21: number, m12: number, m22: number) => {
      const [ai, aj, cii, cjj, cij] = [s[i], s[j], cs[diag(i)], cs[diag(j)], cs[p]];
      return [
        m21 + aj * cii + 2 * ai * cij + ns * ai * ai * aj,
        m12 + ai * cjj + 2 * aj * cij + ns * ai * aj * aj,
        m22 + 2 * aj * m21 + 2 * ai * m12 + aj * aj * cii + ai * ai * cjj + 4 * ai * aj * cij + ns * ai * ai * aj * aj,
      ];
    };
    let p = 0;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++, p++) {
        const [a21, a12, a22] = na > 0 ? shift(alpha, ca, na, i, j, p, this.m21[p], this.m12[p], this.m22[p]) : [0, 0, 0];
        const [c21, c12, c22] = shift(beta, cbAll, nb, i, j, p, b21(p), b12(p), b22(p));
        this.m21[p] = a21 + c21;
        this.m12[p] = a12 + c12;
        this.m22[p] = a22 + c22;
      }
    }
    const w = (na * nb) / n;
    p = 0;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++, p++) this.c[p] += cbAll[p] + delta[i] * delta[j] * w;
    }
    // nb / n is exactly 1 when this accumulator is empty, so merging into an empty one copies the means exactly.
    for (let i = 0; i < d; i++) this.mean[i] += delta[i] * (nb / n);
    this.count = n;
  }

  /** Unbiased sample covariance matrix (NaN with fewer than two samples). */
  covariance(): number[][] {
    const d = this.dim;
    const out = Array.from({ length: d }, () => new Array<number>(d).fill(NaN));
    if (this.count < 2) return out;
    let p = 0;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++, p++) out[i][j] = out[j][i] = this.c[p] / (this.count - 1);
    }
    return out;
  }

  /**
   * Standard errors of the covariance entries from the fourth co-moments, for any law
   * with a fourth moment: Var(Ĉ_ij) ≈ (μ22 − μ11²(n − 2)/(n − 1) + μ20 μ02/(n − 1))/n with
   * μ = M/n — on the diagonal (μ4 − μ2²(n − 3)/(n − 1))/n, the variance's formula
   * (FeatureMoments.varianceStandardError). NaN with fewer than four samples.
   */
  covarianceStandardError(): number[][] {
    const d = this.dim;
    const n = this.count;
    const out = Array.from({ length: d }, () => new Array<number>(d).fill(NaN));
    if (n < 4) return out;
    const diag = (i: number) => i * d - (i * (i - 1)) / 2;
    let p = 0;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++, p++) {
        const mu11 = this.c[p] / n;
        const mu22 = this.m22[p] / n;
        const v = mu22 - (mu11 * mu11 * (n - 2)) / (n - 1) + (this.c[diag(i)] / n) * (this.c[diag(j)] / n) / (n - 1);
        out[i][j] = out[j][i] = Math.sqrt(Math.max(0, v) / n);
      }
    }
    return out;
  }

  toJSON() {
    return { count: this.count, mean: Array.from(this.mean), c: Array.from(this.c), m21: Array.from(this.m21), m12: Array.from(this.m12), m22: Array.from(this.m22) };
  }

  /**
   * Reads {@link toJSON}'s object back. A part file written before the mixed moments
   * existed has no m21/m12/m22: they read as NaN, so its covariance standard errors are
   * NaN (never a number that looks right) while the covariances themselves stay exact.
   */
  static fromJSON(json: { count: number; mean: number[]; c: number[]; m21?: number[]; m12?: number[]; m22?: number[] }): CoMoments {
    const m = new CoMoments(json.mean.length);
    m.count = json.count;
    m.mean.set(json.mean);
    m.c.set(json.c);
    for (const key of ['m21', 'm12', 'm22'] as const) {
      const words = json[key];
      if (words) m[key].set(words);
      else m[key].fill(NaN);
    }
    return m;
  }
}

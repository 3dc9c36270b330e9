/**
 * Count, mean and co-moments C_ij = Σ (x_i − m_i)(x_j − m_j), i ≤ j (upper
 * triangle, row-major), merged in float64 by Chan et al.'s pairwise update
 * C = C_a + C_b + δ_i δ_j n_a n_b / n.
 */
export class CoMoments {
  count = 0;
  readonly mean: Float64Array;
  readonly c: Float64Array;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.c = new Float64Array((dim * (dim + 1)) / 2);
  }

  /** Merges a block: n samples, mean i at `values[meanAt + meanStride·i]`, co-moments from `values[cAt]`. */
  mergePartial(n: number, values: ArrayLike<number>, meanAt: number, meanStride: number, cAt: number): void {
    if (n === 0) return;
    const meanB = new Float64Array(this.dim);
    for (let i = 0; i < this.dim; i++) meanB[i] = values[meanAt + meanStride * i];
    this.mergeWith(n, meanB, (p) => values[cAt + p]);
  }

  merge(other: CoMoments): void {
    if (other.count === 0) return;
    this.mergeWith(other.count, other.mean, (p) => other.c[p]);
  }

  push(x: ArrayLike<number>): void {
    this.mergeWith(1, x, () => 0);
  }

  private mergeWith(nb: number, meanB: ArrayLike<number>, cb: (p: number) => number): void {
    const na = this.count;
    const n = na + nb;
    const d = this.dim;
    const delta = new Float64Array(d);
    for (let i = 0; i < d; i++) delta[i] = meanB[i] - this.mean[i];
    const w = (na * nb) / n;
    let p = 0;
    for (let i = 0; i < d; i++) {
      for (let j = i; j < d; j++, p++) this.c[p] += cb(p) + delta[i] * delta[j] * w;
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

  toJSON() {
    return { count: this.count, mean: Array.from(this.mean), c: Array.from(this.c) };
  }

  static fromJSON(json: ReturnType<CoMoments['toJSON']>): CoMoments {
    const m = new CoMoments(json.mean.length);
    m.count = json.count;
    m.mean.set(json.mean);
    m.c.set(json.c);
    return m;
  }
}

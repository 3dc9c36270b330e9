/**
 * Per-coordinate count, mean and M2 (sum of squared deviations), merged in
 * float64 by Chan, Golub & LeVeque's pairwise update. The GPU reduces blocks
 * of trajectories in f32; the host merges the block partials here, in block
 * order, so any chunking or sharding gives the same numbers.
 */
export class MomentAccumulator {
  count = 0;
  readonly mean: Float64Array;
  readonly m2: Float64Array;

  constructor(readonly dim: number) {
    this.mean = new Float64Array(dim);
    this.m2 = new Float64Array(dim);
  }

  /** Merges a partial of `n` samples whose means and M2s sit at `values[meanAt + i]`, `values[m2At + i]`. */
  mergePartial(n: number, values: ArrayLike<number>, meanAt: number, m2At: number): void {
    if (n === 0) return;
    const total = this.count + n;
    const w = n / total;
    const cross = this.count * w;
    for (let i = 0; i < this.dim; i++) {
      const delta = values[meanAt + i] - this.mean[i];
      this.mean[i] += delta * w;
      this.m2[i] += values[m2At + i] + delta * delta * cross;
    }
    this.count = total;
  }

  /** Adds one sample (Welford). */
  push(x: ArrayLike<number>): void {
    this.count += 1;
    for (let i = 0; i < this.dim; i++) {
      const delta = x[i] - this.mean[i];
      this.mean[i] += delta / this.count;
      this.m2[i] += delta * (x[i] - this.mean[i]);
    }
  }

  /** Unbiased sample variance per coordinate (NaN with fewer than two samples). */
  variance(): number[] {
    return Array.from(this.m2, (m2) => (this.count > 1 ? m2 / (this.count - 1) : NaN));
  }
}

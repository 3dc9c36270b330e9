import type { ReferenceObjective } from '../objectives/objective-descriptor';
import { REGION_KIND_CODES } from '../stats/region-params';

/**
 * Float64 twin of shaders/lib/regions.wgsl, on the same packed region
 * ([kind, scalar, vector]; src/stats/region-params.ts).
 */
export class ReferenceRegion {
  private readonly kind: number;
  private readonly scalar: number;
  private readonly v: Float64Array;

  constructor(
    packed: readonly number[],
    private readonly f: ReferenceObjective,
  ) {
    this.kind = packed[0];
    this.scalar = packed[1];
    this.v = Float64Array.from(packed.slice(2));
  }

  /** ≥ 0 inside, < 0 outside (a distance for ball and halfspace, f-units for a level set). */
  margin(x: Float64Array): number {
    const { v } = this;
    if (this.kind === REGION_KIND_CODES.level) return this.scalar - this.f.loss(x);
    if (this.kind === REGION_KIND_CODES.halfspace) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * x[i];
      return this.scalar - dot;
    }
    let r2 = 0;
    for (let i = 0; i < v.length; i++) r2 += (x[i] - v[i]) ** 2;
    return this.scalar - Math.sqrt(r2);
  }

  /** Unit normal near x into n; returns the margin-to-distance factor (0 when undefined). */
  normal(x: Float64Array, n: Float64Array): number {
    const { v } = this;
    if (this.kind === REGION_KIND_CODES.halfspace) {
      n.set(v);
      return 1;
    }
    if (this.kind === REGION_KIND_CODES.level) this.f.grad(x, n);
    else for (let i = 0; i < v.length; i++) n[i] = x[i] - v[i];
    let norm2 = 0;
    for (let i = 0; i < n.length; i++) norm2 += n[i] * n[i];
    if (!(norm2 > 0)) return 0;
    const inv = 1 / Math.sqrt(norm2);
    for (let i = 0; i < n.length; i++) n[i] *= inv;
    return this.kind === REGION_KIND_CODES.level ? inv : 1;
  }
}

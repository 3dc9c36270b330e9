import type { ReferenceObjective } from '../../objectives/objective-descriptor';
import { uniformFromWord } from '../../rng/random';
import { RngPurpose } from '../../rng/streams';
import { packRegion } from '../../stats/region-params';
import { ESCAPE_NEVER } from '../../stats/statistics-layout';
import type { EscapeRequest } from '../../stats/statistics-request';
import { ReferenceRegion } from '../regions';
import type { TrajectoryStream } from '../trajectory-stream';

/**
 * Float64 twin of shaders/observers/escape.wgsl: the first step outside the
 * region, with the Brownian-bridge crossing test between steps when the
 * dynamics has additive noise (same uniform: purpose BRIDGE, block 0, word 0).
 */
export class ReferenceEscape {
  exitStep = ESCAPE_NEVER;
  private readonly region: ReferenceRegion;
  private readonly n: Float64Array;
  private readonly sigma2?: Float64Array;

  constructor(
    private readonly request: EscapeRequest,
    f: ReferenceObjective,
    private readonly dim: number,
  ) {
    this.region = new ReferenceRegion(packRegion(request.region, dim), f);
    this.n = new Float64Array(dim);
    if (request.bridge) this.sigma2 = Float64Array.from(request.bridge.diffusion.flat());
  }

  start(x: Float64Array): void {
    this.exitStep = this.region.margin(x) < 0 ? 0 : ESCAPE_NEVER;
  }

  /** True when the trajectory is frozen (exited, with `stop`). */
  get stopped(): boolean {
    return this.request.stop && this.exitStep !== ESCAPE_NEVER;
  }

  /** After the step k → k + 1; returns true when the trajectory must stop. */
  step(before: Float64Array, x: Float64Array, k: number, stream: TrajectoryStream): boolean {
    if (this.exitStep !== ESCAPE_NEVER) return false;
    const after = this.region.margin(x);
    const left = after < 0 || (this.sigma2 !== undefined && this.bridgeCrossed(before, after, k, stream));
    if (!left) return false;
    this.exitStep = k + 1;
    return this.request.stop;
  }

  private bridgeCrossed(before: Float64Array, margin1: number, k: number, stream: TrajectoryStream): boolean {
    const { n, dim } = this;
    const sigma2 = this.sigma2!;
    const margin0 = this.region.margin(before);
    const toDistance = this.region.normal(before, n);
    let s2 = 0;
    for (let i = 0; i < dim; i++) {
      let row = 0;
      for (let j = 0; j < dim; j++) row += sigma2[i * dim + j] * n[j];
      s2 += n[i] * row;
    }
    const variance = s2 * this.request.bridge!.dt;
    if (!(toDistance > 0) || !(variance > 0)) return false;
    const p = Math.exp((-2 * margin0 * toDistance * margin1 * toDistance) / variance);
    return uniformFromWord(stream.wordsAt(k, RngPurpose.BRIDGE, 0)[0]) < p;
  }
}

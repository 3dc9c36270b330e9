import type { Region } from '../experiment/region';

/** What an ensemble run reduces at every checkpoint beyond the coordinates' moments. */
export interface StatisticsRequest {
  /** E f(X) (and its higher moments). */
  loss?: boolean;
  /** E‖X − x*‖²; needs `minimizer`. */
  distance?: boolean;
  minimizer?: number[];
  /** E‖∇f(X)‖². */
  gradient?: boolean;
  /** E[∇fᵀH∇f / ‖∇f‖²] (the directional smoothness along the gradient; 0 where ∇f = 0). */
  smoothness?: boolean;
  /** Full covariance of the coordinates (d ≤ 64). */
  covariance?: boolean;
  /** Fixed-bin histograms of every coordinate over `range` and, with `lossRange`, of f(X). */
  histogram?: { bins: number; range: [number, number]; lossRange?: [number, number] };
  /** Named regions whose occupancy is counted. */
  regions?: { name: string; region: Region }[];
}

/** First exit from a region, recorded per trajectory (step; never = 0xFFFFFFFF). */
export interface EscapeRequest {
  region: Region;
  /** Freeze a trajectory at its first exit. */
  stop: boolean;
  /**
   * Σ = σσᵀ per unit time of a dynamics with additive noise, and its step dt: when
   * given, exits between steps are detected by the Brownian-bridge crossing probability.
   */
  bridge?: { diffusion: number[][]; dt: number };
}

/**
 * A demo page, in two halves: the pure definition (parameters, the experiment
 * they make, the numbers shown) that Node tests import, and a lazily loaded
 * view (DOM, WebGPU drawing, plots). Adding a page = one definition file, one
 * view file, one line in pages/registry.ts.
 */
import type { EngineDevice, ExperimentResult } from 'sdeflow';

/** A slider (or, with `kind: 'text'`, a text field) bound to one URL parameter. */
export interface NumberParam {
  key: string;
  label: string;
  unit?: string;
  min: number;
  max: number;
  default: number;
  /** Slider resolution; a log-scale slider moves in factors of 10^(1/stepsPerDecade). */
  step?: number;
  scale?: 'linear' | 'log';
  integer?: boolean;
  help?: string;
  /** A choice among named options: the value is the option's index (0 … length − 1), shown as a menu. */
  choices?: string[];
  /** An on/off switch (0 or 1), shown as a checkbox. */
  toggle?: boolean;
}

export type PageConfig = Record<string, number> & { seed: string };

/**
 * How sure a shown estimate is: ± one standard error (a mean, a slope), or the
 * 95% interval of a fraction (Wilson's, asymmetric near 0 and 1). Every shown
 * number has one, so none is ever shown bare (app/format.ts shows both).
 */
export type Uncertainty = { standardError: number } | { interval: [number, number] };

/** The standard error an uncertainty stands for (a 95% interval's half-width / 1.96). */
export function standardErrorOf(u: Uncertainty): number {
  return 'standardError' in u ? u.standardError : (u.interval[1] - u.interval[0]) / 2 / 1.96;
}

/** One number the page shows (and the browser tests compare with Node's run). */
export interface ShownNumber {
  key: string;
  label: string;
  value: number;
  uncertainty: Uncertainty;
  /**
   * How far a browser run may differ from Node's on another adapter (the bounds
   * add up): `absolute` (e.g. a few trajectories' threshold decisions flipping in
   * f32), `relative`, and `standardErrors` × the standard error — for nonsmooth dynamics,
   * where one f32 rounding can flip a sign(x) decision near a kink and the paths
   * separate, so two adapters give two correlated samples of the same law.
   */
  tolerance: { absolute?: number; relative?: number; standardErrors?: number };
}

export interface PageDefinition {
  id: string;
  title: string;
  /** One paragraph: what the page shows and why it matters. */
  summary: string;
  /** The experiment file the default configuration reproduces, if any. */
  source?: string;
  params: NumberParam[];
  defaultSeed: string;
  /** The experiment file (format v1) for a configuration (a page with `experiments`: the first of them). */
  experiment(config: PageConfig): Record<string, unknown>;
  /**
   * For a page that runs several files (noise belongs to a file, so a grid over batch
   * sizes takes one file per b): all of them, in order. The frame validates every one
   * before running any, the view's run resolves with one result per file, and
   * `numbers` gets them all (`result` is the first's).
   */
  experiments?(config: PageConfig): Record<string, unknown>[];
  /** The numbers the page reports, from a result (the browser's or Node's); `results`: one per file of `experiments`. */
  numbers(result: ExperimentResult, config: PageConfig, results?: ExperimentResult[]): ShownNumber[];
  view(): Promise<{ default: PageView }>;
}

/** What the frame gives a view. */
export interface ViewContext {
  gpu: EngineDevice;
  /** The validated experiment of the current configuration. */
  experiment: import('sdeflow').Experiment;
  /** Every validated file of the configuration (`[experiment]` unless the page defines `experiments`). */
  experiments: import('sdeflow').Experiment[];
  config: PageConfig;
  signal: AbortSignal;
  status(text: string): void;
  /** How particle canvases present (`?present=copy` where WebGPU canvases cannot be shown). */
  presentation: import('./particle-canvas').Presentation;
}

export interface PageView {
  /** Builds the page's panels (canvases, plots) inside `root`. */
  mount(root: HTMLElement): MountedView;
}

export interface MountedView {
  /** Runs the ensemble and draws it; resolves with the result the numbers are read from (one per file of `experiments`). */
  run(context: ViewContext): Promise<ExperimentResult | ExperimentResult[]>;
  dispose(): void;
}

/**
 * What a result reports about the machine it ran on: every run records this,
 * so a number can always be traced to the adapter and backend behind it.
 */
export interface AdapterDescription {
  /** Where the numbers came from: `webgpu` (a GPU adapter) or `cpu` (float64 reference). */
  kind: 'webgpu' | 'cpu';
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Backend requested from Dawn (`vulkan`, `opengles`, …) or `browser`. */
  backend: string;
  featureLevel: 'core' | 'compatibility';
  /** True for software rasterizers (llvmpipe, lavapipe, SwiftShader) and fallback adapters. */
  software: boolean;
  timestampQuery: boolean;
  /**
   * Most dynamic loop iterations one shader invocation may run, or null for no
   * limit. Mesa's llvmpipe (gallivm, through Mesa 22 at least) silently breaks
   * every loop once an invocation has run 65,535 iterations in total, so the
   * runner cuts dispatches short enough on that path (docs/webgpu-without-a-gpu.md path A).
   */
  maxLoopIterations: number | null;
}

/** gallivm's LP_MAX_TGSI_LOOP_ITERATIONS: loops of an invocation stop after this many iterations in all. */
export const LLVMPIPE_GL_LOOP_LIMIT = 65535;

const SOFTWARE_PATTERN = /llvmpipe|lavapipe|swiftshader|softpipe|warp|microsoft basic render/i;

/** Builds the description from a `GPUAdapter`; `backend` is what was asked of Dawn. */
export function describeAdapter(
  adapter: GPUAdapter,
  backend: string,
  featureLevel: 'core' | 'compatibility',
): AdapterDescription {
  const info = adapter.info;
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  return {
    kind: 'webgpu',
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    backend,
    featureLevel,
    software: SOFTWARE_PATTERN.test(text) || (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true,
    timestampQuery: adapter.features.has('timestamp-query'),
    maxLoopIterations: backend === 'opengles' && /llvmpipe/i.test(text) ? LLVMPIPE_GL_LOOP_LIMIT : null,
  };
}

/** One line for tables and progress output, e.g. "llvmpipe (OpenGL ES 3.2 Mesa 22.3.6) via opengles". */
export function adapterLabel(a: AdapterDescription): string {
  if (a.kind === 'cpu') return a.description;
  const name = [a.vendor, a.architecture, a.device].filter((s) => s.length > 0).join(' ');
  return `${name || 'unknown adapter'} (${a.description}) via ${a.backend}, ${a.featureLevel}`;
}

/** Dawn's null backend runs nothing and reads back garbage: it must never produce results. */
export function isNullBackend(adapter: GPUAdapter): boolean {
  return adapter.info.device === 'null-backend' || /null backend/i.test(adapter.info.description);
}

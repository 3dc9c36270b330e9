import type { ComposedKernel } from '../compose/compose-kernel';

const caches = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

/** Raised when WebGPU rejects a composed kernel; carries the compiler's messages with line numbers. */
export class KernelCompileError extends Error {
  constructor(label: string, details: string) {
    super(`WGSL kernel ${label} failed to compile:\n${details}`);
    this.name = 'KernelCompileError';
  }
}

/**
 * Returns the compute pipeline of a composed kernel, compiling it at most once
 * per device (keyed by the composed code, its entry point and its override constants). Call it
 * before the dispatch loop, never inside it.
 */
export function computePipeline(device: GPUDevice, kernel: ComposedKernel, layout?: GPUPipelineLayout): Promise<GPUComputePipeline> {
  let cache = caches.get(device);
  if (!cache) {
    cache = new Map();
    caches.set(device, cache);
  }
  const key = layout ? `${kernel.key}@${layout.label}` : kernel.key;
  let pipeline = cache.get(key);
  if (!pipeline) {
    pipeline = buildPipeline(device, kernel, layout);
    cache.set(key, pipeline);
    pipeline.catch(() => cache!.delete(key));
  }
  return pipeline;
}

async function buildPipeline(device: GPUDevice, kernel: ComposedKernel, layout?: GPUPipelineLayout): Promise<GPUComputePipeline> {
  const module = device.createShaderModule({ label: kernel.key, code: kernel.code });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((m) => m.type === 'error');
  if (errors.length > 0) {
    const lines = kernel.code.split('\n');
    const details = errors
      .map((m) => `  line ${m.lineNum}:${m.linePos}: ${m.message}\n    ${lines[m.lineNum - 1]?.trim() ?? ''}`)
      .join('\n');
    throw new KernelCompileError(kernel.label, details);
  }
  try {
    return await device.createComputePipelineAsync({
      label: kernel.key,
      layout: layout ?? 'auto',
      compute: { module, entryPoint: kernel.entryPoint, constants: { ...kernel.overrides } },
    });
  } catch (e) {
    throw new KernelCompileError(kernel.label, (e as Error).message);
  }
}

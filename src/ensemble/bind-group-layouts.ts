/**
 * Explicit bind group layouts for the ensemble kernels. 'auto' layouts drop
 * bindings a kernel does not use (a dynamics without parameters, say), which
 * would make one bind group invalid for the other kernel; explicit layouts
 * keep the binding contract of shaders/lib/ensemble_bindings.wgsl,
 * shaders/reduce/statistics.wgsl and shaders/reduce/level_difference.wgsl fixed.
 */
export interface KernelLayout {
  pipeline: GPUPipelineLayout;
  group: GPUBindGroupLayout;
}

export interface EnsembleLayouts {
  /** initialize + integrate: control, state, params, records, data, aux, loop cuts. */
  ensemble: KernelLayout;
  /** reduce_statistics: control, state, records, partials, params, counters, data, loop cuts. */
  reduce: KernelLayout;
  /** reduce_level_difference: control, fine state, fine records, coarse states and records, x*, partials, params, data, loop cuts. */
  levelDifference: KernelLayout;
}

const cache = new WeakMap<GPUDevice, EnsembleLayouts>();

export function bindGroupLayouts(device: GPUDevice): EnsembleLayouts {
  let layouts = cache.get(device);
  if (!layouts) {
    layouts = {
      ensemble: kernelLayout(device, 'ensemble', ['uniform', 'storage', 'read-only-storage', 'storage', 'read-only-storage', 'storage', 'storage']),
      reduce: kernelLayout(device, 'reduce', ['uniform', 'read-only-storage', 'read-only-storage', 'storage', 'read-only-storage', 'storage', 'read-only-storage', 'storage']),
      levelDifference: kernelLayout(device, 'level difference', [
        'uniform',
        'read-only-storage',
        'read-only-storage',
        'read-only-storage',
        'read-only-storage',
        'storage',
        'read-only-storage',
        'read-only-storage',
        'storage',
      ]),
    };
    cache.set(device, layouts);
  }
  return layouts;
}

function kernelLayout(device: GPUDevice, label: string, types: GPUBufferBindingType[]): KernelLayout {
  const group = device.createBindGroupLayout({
    label,
    entries: types.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
  });
  return { group, pipeline: device.createPipelineLayout({ label, bindGroupLayouts: [group] }) };
}

/**
 * Explicit bind group layouts for the ensemble kernels. 'auto' layouts drop
 * bindings a kernel does not use (a dynamics without parameters, say), which
 * would make one bind group invalid for the other kernel; explicit layouts
 * keep the binding contract of shaders/lib/ensemble_bindings.wgsl and
 * shaders/reduce/moments.wgsl fixed.
 */
export interface EnsembleLayouts {
  ensemble: LayoutPair;
  reduce: LayoutPair;
}

/** A pipeline layout with its single bind group layout. */
export interface LayoutPair extends GPUPipelineLayout {
  getBindGroupLayout(): GPUBindGroupLayout;
}

const cache = new WeakMap<GPUDevice, EnsembleLayouts>();

export function bindGroupLayouts(device: GPUDevice): EnsembleLayouts {
  let layouts = cache.get(device);
  if (!layouts) {
    layouts = {
      ensemble: pair(device, 'ensemble', ['uniform', 'storage', 'read-only-storage', 'storage']),
      reduce: pair(device, 'reduce', ['uniform', 'read-only-storage', 'read-only-storage', 'storage']),
    };
    cache.set(device, layouts);
  }
  return layouts;
}

function pair(device: GPUDevice, label: string, types: GPUBufferBindingType[]): LayoutPair {
  const group = device.createBindGroupLayout({
    label,
    entries: types.map((type, binding) => ({ binding, visibility: GPUShaderStage.COMPUTE, buffer: { type } })),
  });
  const layout = device.createPipelineLayout({ label, bindGroupLayouts: [group] });
  return Object.assign(layout, { getBindGroupLayout: () => group });
}

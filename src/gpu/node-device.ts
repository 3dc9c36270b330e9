import { existsSync } from 'node:fs';
import { create, globals } from 'webgpu';
import { deviceFromAdapter, NoAdapterError, type EngineDevice } from './engine-device';
import { NODE_BACKENDS, type NodeBackend } from './node-backends';

export { NODE_BACKENDS, type NodeBackend };

export interface NodeDeviceOptions {
  /** Defaults to the `SDEFLOW_BACKEND` environment variable, else `auto`. */
  backend?: NodeBackend;
  /** Substring of the adapter name to pick (Dawn's `adapter=` toggle), e.g. "llvmpipe". */
  adapterName?: string;
}

// Dawn aborts the process if its instance is garbage-collected while a device
// lives (docs/webgpu-without-a-gpu.md pitfall 1): instances and adapters are kept here.
const keepAlive = new Set<unknown>();

const DAWN_BACKEND: Record<Exclude<NodeBackend, 'auto'>, string> = {
  gles: 'opengles',
  vulkan: 'vulkan',
  metal: 'metal',
  d3d12: 'd3d12',
};

const HINT =
  'on Debian/Ubuntu without a GPU install Mesa (apt-get install -y libegl1 libegl-mesa0 libgl1-mesa-dri libgles2) ' +
  'and use backend "gles"; or run with --device cpu for the float64 reference';
// Vulkan asked for by name: without a GPU, the way to one is Mesa 25's lavapipe
// (Debian 12's own is too old for Dawn), which the repository's script sets up.
const VULKAN_HINT =
  'without a GPU, get a Vulkan adapter on the CPU (lavapipe from Mesa 25) with the repository\'s scripts/setup-lavapipe.sh: ' +
  'eval "$(bash scripts/setup-lavapipe.sh .cache/lavapipe)" (docs/webgpu-without-a-gpu.md, path B); ' +
  'or use backend "gles" (Mesa llvmpipe), or --device cpu for the float64 reference';

/** Reads the backend from options or `SDEFLOW_BACKEND`, rejecting unknown names. */
export function resolveBackend(requested?: string): NodeBackend {
  const value = requested ?? process.env.SDEFLOW_BACKEND ?? 'auto';
  if (!(NODE_BACKENDS as readonly string[]).includes(value)) {
    throw new Error(`unknown backend "${value}" (expected one of ${NODE_BACKENDS.join(', ')})`);
  }
  return value as NodeBackend;
}

/**
 * Acquires a WebGPU device in Node through Dawn (the `webgpu` package).
 *
 * @example
 * const gpu = await requestNodeDevice();            // hardware, else llvmpipe
 * console.log(adapterLabel(gpu.adapter));
 * gpu.release();
 */
export async function requestNodeDevice(options: NodeDeviceOptions = {}): Promise<EngineDevice> {
  Object.assign(globalThis, globals); // GPUBufferUsage, GPUMapMode, … for code shared with browsers
  const backend = resolveBackend(options.backend);
  const order: Exclude<NodeBackend, 'auto'>[] = backend === 'auto' ? autoOrder() : [backend];
  const tried: string[] = [];
  for (const candidate of order) {
    const found = await tryBackend(candidate, options.adapterName, backend === 'auto');
    if (typeof found === 'string') {
      tried.push(`${candidate}: ${found}`);
      continue;
    }
    return found;
  }
  throw new NoAdapterError(tried.join('; '), backend === 'vulkan' ? VULKAN_HINT : HINT);
}

/** Hardware first: Vulkan (or the platform's native API) when a loader exists, then llvmpipe. */
function autoOrder(): Exclude<NodeBackend, 'auto'>[] {
  if (process.platform === 'darwin') return ['metal'];
  if (process.platform === 'win32') return ['d3d12', 'vulkan'];
  return vulkanLoaderPresent() ? ['vulkan', 'gles'] : ['gles'];
}

// Probing Vulkan without a loader only prints a Dawn warning; skip it then.
function vulkanLoaderPresent(): boolean {
  if (process.env.VK_ICD_FILENAMES) return true;
  const dirs = [
    ...(process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean),
    '/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib64', '/usr/lib', '/lib/x86_64-linux-gnu',
  ];
  return dirs.some((d) => existsSync(`${d}/libvulkan.so.1`));
}

async function tryBackend(
  backend: Exclude<NodeBackend, 'auto'>,
  adapterName: string | undefined,
  hardwareOnly: boolean,
): Promise<EngineDevice | string> {
  const gles = backend === 'gles';
  if (gles) process.env.EGL_PLATFORM ??= 'surfaceless';
  // Timestamp queries unquantized: the benchmarks read kernel time from them (Dawn rounds
  // them to 100 µs by default, a fingerprinting guard that only matters in browsers).
  const flags = [`backend=${DAWN_BACKEND[backend]}`, 'disable-dawn-features=timestamp_quantization'];
  if (adapterName) flags.push(`adapter=${adapterName}`);
  const gpu = create(flags);
  keepAlive.add(gpu);
  const featureLevel = gles ? 'compatibility' : 'core';
  const adapter = await gpu.requestAdapter({
    powerPreference: 'high-performance',
    featureLevel,
  } as GPURequestAdapterOptions);
  if (!adapter) return 'no adapter';
  keepAlive.add(adapter);
  const device = await deviceFromAdapter(adapter, DAWN_BACKEND[backend], featureLevel, () => {
    keepAlive.delete(adapter);
    keepAlive.delete(gpu);
  });
  // In auto mode a software Vulkan driver loses to llvmpipe over GL, the faster software path.
  if (hardwareOnly && backend === 'vulkan' && device.adapter.software) {
    device.release();
    return `only a software adapter (${device.adapter.device})`;
  }
  return device;
}

// The backend names alone, without Dawn: the command line lists them in its
// help, which must not load the native WebGPU module.

/**
 * Which Dawn backend to use in Node.
 * - `auto`: a hardware adapter when there is one, else OpenGL ES on Mesa llvmpipe.
 * - `gles`: OpenGL ES (Mesa llvmpipe on machines without a GPU; docs/webgpu-without-a-gpu.md path A).
 * - `vulkan`: Vulkan (a GPU driver, or lavapipe via VK_ICD_FILENAMES; path B).
 * - `metal`, `d3d12`: the native backends on macOS and Windows.
 */
export type NodeBackend = 'auto' | 'gles' | 'vulkan' | 'metal' | 'd3d12';

export const NODE_BACKENDS: readonly NodeBackend[] = ['auto', 'gles', 'vulkan', 'metal', 'd3d12'];

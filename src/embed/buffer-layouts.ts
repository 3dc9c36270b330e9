/**
 * What an embedding app needs to read the engine's per-trajectory buffers in
 * its own pipelines (for instance as instanced vertex buffers): the byte layout
 * of the state and of the per-trajectory records. Both buffers are created with
 * STORAGE | VERTEX | COPY_SRC usage, so they can be bound as vertex buffers
 * (works at the compatibility feature level, where vertex-stage storage
 * buffers may be unavailable) or copied.
 */
export interface StateBufferLayout {
  buffer: GPUBuffer;
  /** Trajectories in the buffer, in trajectory-index order. */
  trajectories: number;
  /** Coordinates per trajectory. */
  dim: number;
  /** f32, little-endian: trajectory t, coordinate i at byte (t · dim + i) · 4. */
  format: 'float32';
  /** Bytes from one trajectory to the next (dim · 4): the vertex buffer's arrayStride. */
  strideBytes: number;
}

/**
 * Per-trajectory records (u32): word 0 is 0 while the trajectory is finite, else
 * the step by which it became NaN/±Inf; word 1 is the first exit step of the
 * escape region (0xFFFFFFFF while inside; meaningful only with an escape request).
 */
export interface RecordBufferLayout {
  buffer: GPUBuffer;
  trajectories: number;
  format: 'uint32';
  /** Bytes per trajectory (2 words): a vertex buffer's arrayStride, read as uint32x2. */
  strideBytes: number;
  divergedWord: 0;
  exitWord: 1;
  /** Value of the exit word for a trajectory that has not left the region. */
  notExited: number;
}

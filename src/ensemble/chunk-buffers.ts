import type { StatisticsLayout } from '../stats/statistics-layout';
import type { ChunkPlan } from './chunking';
import { LOOP_CUT_WORDS, RECORD_WORDS, REDUCE_CONTROL_BYTES, RUN_CONTROL_BYTES } from './layout';

/**
 * The GPU buffers of one chunk of trajectories on the device, declared once:
 * the device chunk (src/ensemble/device-chunk.ts) allocates exactly these, and
 * the dry-run planner (src/run/plan.ts) lists exactly these, so the plan
 * cannot drift from what a run holds.
 */
export type ChunkBufferName =
  | 'run control'
  | 'reduce control'
  | 'state'
  | 'params'
  | 'records'
  | 'aux'
  | 'data'
  | 'partials'
  | 'partials readback'
  | 'counters'
  | 'counters readback'
  | 'loop cuts'
  | 'loop cuts readback'
  | 'state readback'
  | 'tracked readback'
  | 'snapshot readback';

/** How a buffer is used, by name (GPUBufferUsage's flags, which exist only where WebGPU does). */
export type ChunkBufferUsage = 'uniform' | 'storage' | 'vertex' | 'copy-src' | 'copy-dst' | 'map-read';

export interface ChunkBuffer {
  name: ChunkBufferName;
  /** Bytes as allocated: at least 16, a multiple of 4. */
  bytes: number;
  usage: readonly ChunkBufferUsage[];
}

/** What sizes a chunk's buffers besides its plan. */
export interface ChunkBufferSizes {
  dim: number;
  checkpoints: number;
  auxWords: number;
  paramBytes: number;
  dataBytes: number;
  layout: Pick<StatisticsLayout, 'partialWords' | 'counterWords'>;
}

/** Which optional buffers the chunk needs. */
export interface ChunkBufferOptions {
  /** Copy the final state out (runner option keepFinalState). */
  finalState?: boolean;
  /** Copy state, records and aux out for resumable snapshots. */
  snapshots?: boolean;
  /** The app draws the state and records buffers (live ensembles): they are vertex buffers too. */
  drawable?: boolean;
}

/** Bytes allocated for a buffer of `size` bytes (WebGPU wants multiples of 4; 16 at least keeps empty tables valid). */
export function allocatedBytes(size: number): number {
  return Math.max(16, Math.ceil(size / 4) * 4);
}

/** The buffers one chunk holds while it runs, in allocation order. */
export function chunkBuffers(plan: Pick<ChunkPlan, 'chunkSize' | 'blocksPerChunk' | 'slots' | 'tracked'>, sizes: ChunkBufferSizes, options: ChunkBufferOptions = {}): ChunkBuffer[] {
  const { chunkSize, blocksPerChunk, slots, tracked } = plan;
  const { dim, layout } = sizes;
  const partialBytes = slots * blocksPerChunk * layout.partialWords * 4;
  const drawn: ChunkBufferUsage[] = options.drawable ? ['vertex'] : [];
  // State, records, aux and counters are copied out for snapshots and back in on resume.
  const perTrajectory: ChunkBufferUsage[] = ['storage', 'copy-src', 'copy-dst'];
  const table: { name: ChunkBufferName; bytes: number; usage: ChunkBufferUsage[] }[] = [
    { name: 'run control', bytes: RUN_CONTROL_BYTES, usage: ['uniform', 'copy-dst'] },
    { name: 'reduce control', bytes: REDUCE_CONTROL_BYTES, usage: ['uniform', 'copy-dst'] },
    { name: 'state', bytes: chunkSize * dim * 4, usage: [...perTrajectory, ...drawn] },
    { name: 'params', bytes: sizes.paramBytes, usage: ['storage', 'copy-dst'] },
    { name: 'records', bytes: chunkSize * RECORD_WORDS * 4, usage: [...perTrajectory, ...drawn] },
    { name: 'aux', bytes: chunkSize * sizes.auxWords * 4, usage: perTrajectory },
    { name: 'data', bytes: sizes.dataBytes, usage: ['storage', 'copy-dst'] },
    { name: 'partials', bytes: partialBytes, usage: ['storage', 'copy-src'] },
    { name: 'partials readback', bytes: partialBytes, usage: ['map-read', 'copy-dst'] },
    // Integer counts of the whole run (histograms, regions, exits): zeroed at creation, added to by every chunk.
    { name: 'counters', bytes: layout.counterWords * 4, usage: ['storage', 'copy-src', 'copy-dst'] },
    { name: 'counters readback', bytes: layout.counterWords * 4, usage: ['map-read', 'copy-dst'] },
    // Where the kernels' loop canaries record a loop the driver cut short (shaders/lib/loop_canary.wgsl).
    { name: 'loop cuts', bytes: LOOP_CUT_WORDS * 4, usage: ['storage', 'copy-src', 'copy-dst'] },
    { name: 'loop cuts readback', bytes: LOOP_CUT_WORDS * 4, usage: ['map-read', 'copy-dst'] },
  ];
  if (options.finalState) table.push({ name: 'state readback', bytes: chunkSize * dim * 4, usage: ['map-read', 'copy-dst'] });
  if (tracked > 0) table.push({ name: 'tracked readback', bytes: sizes.checkpoints * tracked * dim * 4, usage: ['map-read', 'copy-dst'] });
  if (options.snapshots) table.push({ name: 'snapshot readback', bytes: chunkSize * Math.max(dim, RECORD_WORDS, sizes.auxWords) * 4, usage: ['map-read', 'copy-dst'] });
  return table.map((b) => ({ ...b, bytes: allocatedBytes(b.bytes) }));
}

/** Whether a buffer is bound as storage (so the device's storage-binding limit applies). */
export function isStorage(buffer: ChunkBuffer): boolean {
  return buffer.usage.includes('storage');
}


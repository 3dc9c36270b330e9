import { DeviceLostError, type EngineDevice } from '../gpu/engine-device';
import { computePipeline } from '../gpu/pipeline-cache';
import { createEngineBuffer, destroyEngineBuffer } from '../gpu/buffer-registry';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import { countersAt } from '../stats/statistics-layout';
import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import { ensembleResult } from './ensemble-result';
import { auxDim, composeEnsembleKernels, packData, packParams, specStatisticsLayout } from './kernels';
import {
  dispatchGrid,
  packReduceControl,
  packRunControl,
  RECORD_WORDS,
  REDUCE_BLOCK,
  REDUCE_CONTROL_BYTES,
  RUN_CONTROL_BYTES,
  WORKGROUP_SIZE,
} from './layout';
import { checkReduceLoopLimit, objectiveLoopIterations, resolveChunking } from './chunking';
import { checkSpec } from './check-spec';
import { EnsembleAbortedError } from './ensemble-aborted-error';
import { bindGroupLayouts } from './bind-group-layouts';
import type { EnsembleSnapshot } from './ensemble-snapshot';

/**
 * Runs an ensemble on the GPU: trajectories in chunks, many steps per dispatch
 * with the state in registers, a block reduction at every checkpoint, block
 * partials merged on the host in float64. A trajectory's numbers depend only
 * on (seed, trajectory index, step, draw), so results are bit-identical for
 * any chunk size.
 */
export async function runEnsembleGpu(gpu: EngineDevice, spec: EnsembleSpec, options: EnsembleOptions = {}) {
  checkSpec(spec);
  const { device } = gpu;
  const limits = device.limits;
  const dim = spec.dim;
  const compileStart = performance.now();
  const params = packParams(spec);
  const layout = specStatisticsLayout(spec);
  const levelRegions = (spec.statistics?.regions ?? []).filter((r) => r.region.kind === 'level').length;
  checkReduceLoopLimit(layout, levelRegions, gpu.adapter.maxLoopIterations, objectiveLoopIterations(spec).loss);
  const kernels = composeEnsembleKernels(spec, params, layout);
  const layouts = bindGroupLayouts(device);
  const [initPipeline, integratePipeline, reducePipeline] = await Promise.all([
    computePipeline(device, kernels.initialize, layouts.ensemble.pipeline),
    computePipeline(device, kernels.integrate, layouts.ensemble.pipeline),
    computePipeline(device, kernels.reduce, layouts.reduce.pipeline),
  ]);
  const compileSeconds = (performance.now() - compileStart) / 1000;

  // A resumed run keeps the chunks it was cut into: the snapshot holds one chunk's words.
  const plan = resolveChunking(spec, options.resume ? { ...options, chunkSize: options.resume.chunkSize } : options, limits, gpu.adapter.maxLoopIterations, params.values.length, layout.partialWords);
  if (options.resume) checkSnapshot(options.resume, spec, plan.chunkSize, layout.counterWords, auxDim(spec));
  const { chunkSize, blocksPerChunk, slots, stepsPerDispatch, tracked } = plan;
  const pw = layout.partialWords;
  // Host-side allocations before any buffer: a failure here leaves nothing on the GPU.
  const resume = options.resume;
  const statistics = resume?.statistics ?? new EnsembleStatistics(layout, spec.checkpoints, spec.trajectories);
  // Tracked paths of the first chunk reached before a snapshot; the readback buffer holds the ones reached after.
  const trackedBefore = resume?.tracked ? new Float32Array(resume.tracked) : undefined;
  const finalState = options.keepFinalState ? new Float32Array(spec.trajectories * dim) : undefined;
  const label = kernels.integrate.key;
  const buffers: GPUBuffer[] = [];
  const buffer = (name: string, size: number, usage: number) => {
    const b = createEngineBuffer(device, { label: `${name} ${label}`, size: Math.max(16, Math.ceil(size / 4) * 4), usage });
    buffers.push(b);
    return b;
  };
  const S = GPUBufferUsage;
  const control = buffer('run control', RUN_CONTROL_BYTES, S.UNIFORM | S.COPY_DST);
  const reduceControl = buffer('reduce control', REDUCE_CONTROL_BYTES, S.UNIFORM | S.COPY_DST);
  // State, records, aux and counters are copied out for snapshots and back in on resume.
  const state = buffer('state', chunkSize * dim * 4, S.STORAGE | S.COPY_SRC | S.COPY_DST);
  const paramBuffer = buffer('params', params.values.byteLength, S.STORAGE | S.COPY_DST);
  const records = buffer('records', chunkSize * RECORD_WORDS * 4, S.STORAGE | S.COPY_SRC | S.COPY_DST);
  const auxState = buffer('aux', chunkSize * auxDim(spec) * 4, S.STORAGE | S.COPY_SRC | S.COPY_DST);
  const data = packData(spec);
  const dataBuffer = buffer('data', data.byteLength, S.STORAGE | S.COPY_DST);
  device.queue.writeBuffer(dataBuffer, 0, data);
  const partials = buffer('partials', slots * blocksPerChunk * pw * 4, S.STORAGE | S.COPY_SRC);
  const partialsReadback = buffer('partials readback', slots * blocksPerChunk * pw * 4, S.MAP_READ | S.COPY_DST);
  // Integer counts of the whole run (histograms, regions, exits): zeroed at creation, added to by every chunk.
  const counters = buffer('counters', layout.counterWords * 4, S.STORAGE | S.COPY_SRC | S.COPY_DST);
  const countersReadback = buffer('counters readback', layout.counterWords * 4, S.MAP_READ | S.COPY_DST);
  const stateReadback = options.keepFinalState ? buffer('state readback', chunkSize * dim * 4, S.MAP_READ | S.COPY_DST) : undefined;
  const trackedReadback = tracked > 0 ? buffer('tracked readback', spec.checkpoints.length * tracked * dim * 4, S.MAP_READ | S.COPY_DST) : undefined;
  const snapshotWords = Math.max(dim, RECORD_WORDS, auxDim(spec));
  const snapshotReadback = options.snapshots ? buffer('snapshot readback', chunkSize * snapshotWords * 4, S.MAP_READ | S.COPY_DST) : undefined;
  device.queue.writeBuffer(paramBuffer, 0, params.values);

  const entries = (resources: GPUBuffer[]) => resources.map((b, binding) => ({ binding, resource: { buffer: b } }));
  const ensembleBindings = entries([control, state, paramBuffer, records, dataBuffer, auxState]);
  // One bind group serves initialize and integrate: both use the explicit ensemble layout.
  const ensembleGroup = device.createBindGroup({ label: `ensemble ${label}`, layout: layouts.ensemble.group, entries: ensembleBindings });
  const reduceGroup = device.createBindGroup({
    label: `reduce ${label}`,
    layout: layouts.reduce.group,
    entries: entries([reduceControl, state, records, partials, paramBuffer, counters, dataBuffer]),
  });

  if (resume && resume.counters.byteLength > 0) device.queue.writeBuffer(counters, 0, resume.counters);
  const totalSteps = spec.trajectories * spec.steps;
  let doneSteps = resume?.trajectorySteps ?? 0;
  const maxGroups = limits.maxComputeWorkgroupsPerDimension;
  const first = spec.firstTrajectory ?? 0;

  const lost = new Promise<never>((_, reject) => {
    void device.lost.then((info) => reject(new DeviceLostError(gpu.lostReason() ?? info.message ?? info.reason)));
  });
  lost.catch(() => {});
  const settle = async () => {
    await Promise.race([device.queue.onSubmittedWorkDone(), lost]);
    const reason = gpu.lostReason();
    if (reason) throw new DeviceLostError(reason);
  };
  const mapRead = async (b: GPUBuffer, bytes: number): Promise<ArrayBuffer> => {
    await Promise.race([b.mapAsync(GPUMapMode.READ, 0, bytes), lost]);
    const copy = b.getMappedRange(0, bytes).slice(0);
    b.unmap();
    return copy;
  };
  // The grid is computed once per dispatch, by the caller that also writes it into the control uniform.
  const dispatch = (pipeline: GPUComputePipeline, group: GPUBindGroup, grid: { x: number; y: number }, copy?: (e: GPUCommandEncoder) => void) => {
    const encoder = device.createCommandEncoder({ label });
    const pass = encoder.beginComputePass({ label });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(grid.x, grid.y);
    pass.end();
    copy?.(encoder);
    device.queue.submit([encoder.finish()]);
  };
  const runControl = (offset: number, count: number, stepBegin: number, stepCount: number) => {
    const grid = dispatchGrid(Math.ceil(count / WORKGROUP_SIZE), maxGroups);
    device.queue.writeBuffer(control, 0, packRunControl({ key: spec.key, offset: first + offset, count, stepBegin, stepCount, groupsX: grid.x }));
    return grid;
  };

  const start = performance.now() - (resume?.seconds ?? 0) * 1000;
  /** Copies the first `bytes` of a GPU buffer to the host through a readback buffer (the snapshot's by default). */
  const readBytes = async (from: GPUBuffer, bytes: number, via: GPUBuffer = snapshotReadback!): Promise<ArrayBuffer> => {
    if (bytes === 0) return new ArrayBuffer(0);
    const encoder = device.createCommandEncoder({ label });
    encoder.copyBufferToBuffer(from, 0, via, 0, bytes);
    device.queue.submit([encoder.finish()]);
    return mapRead(via, bytes);
  };
  /** The tracked paths: those reached before a resume (the buffer holds zeros there), then the buffer's. */
  const readTracked = async (): Promise<Float32Array> => {
    const all = new Float32Array(await mapRead(trackedReadback!, spec.checkpoints.length * tracked * dim * 4));
    if (trackedBefore) all.set(trackedBefore);
    return all;
  };
  let lastSnapshot = performance.now();
  try {
    const firstOffset = resume?.offset ?? 0;
    for (let offset = firstOffset; offset < spec.trajectories; offset += chunkSize) {
      const count = Math.min(chunkSize, spec.trajectories - offset);
      const blocks = Math.ceil(count / REDUCE_BLOCK);
      const resumed = offset === firstOffset && resume?.chunk ? resume : undefined;
      if (resumed) {
        // The chunk's state, records and aux words exactly as they were: no initialization.
        device.queue.writeBuffer(state, 0, resumed.chunk!.state);
        device.queue.writeBuffer(records, 0, resumed.chunk!.records);
        device.queue.writeBuffer(auxState, 0, resumed.chunk!.aux);
      } else dispatch(initPipeline, ensembleGroup, runControl(offset, count, 0, 0));
      let slot = 0;
      let pendingFrom = resumed?.checkpointsDone ?? 0; // first checkpoint whose partials are not read back yet
      let step = resumed?.step ?? 0;
      /** Reads back the partials of the checkpoints reduced since the last readback and merges them (in block order). */
      const flush = async () => {
        if (slot === 0) return;
        const bytes = slot * blocksPerChunk * pw * 4;
        const encoder = device.createCommandEncoder({ label });
        encoder.copyBufferToBuffer(partials, 0, partialsReadback, 0, bytes);
        device.queue.submit([encoder.finish()]);
        const values = new Float32Array(await mapRead(partialsReadback, bytes));
        for (let s = 0; s < slot; s++) {
          for (let b = 0; b < blocks; b++) statistics.mergeBlockPartial(pendingFrom + s, values, (s * blocksPerChunk + b) * pw);
        }
        pendingFrom += slot;
        slot = 0;
      };
      /** Hands out a snapshot of this chunk at `step` (partials flushed first, so the statistics are merged up to it). */
      const snapshot = async () => {
        await flush();
        const countersNow = await readBytes(counters, layout.counterWords * 4, countersReadback);
        const chunk = {
          state: await readBytes(state, count * dim * 4),
          records: await readBytes(records, count * RECORD_WORDS * 4),
          aux: await readBytes(auxState, count * auxDim(spec) * 4),
        };
        // Chunk 0 fills the tracked paths checkpoint by checkpoint; later chunks find them complete.
        const reached = offset === 0 ? pendingFrom : spec.checkpoints.length;
        const trackedNow = trackedReadback ? (await readTracked()).slice(0, reached * tracked * dim).buffer : undefined;
        lastSnapshot = performance.now();
        await options.snapshots!.save({
          chunkSize,
          offset,
          step,
          checkpointsDone: pendingFrom,
          chunk,
          counters: countersNow,
          statistics,
          ...(trackedNow ? { tracked: trackedNow } : {}),
          trajectorySteps: doneSteps,
          seconds: (performance.now() - start) / 1000,
        });
      };
      for (let c = pendingFrom; c < spec.checkpoints.length; c++) {
        const target = spec.checkpoints[c];
        while (step < target) {
          const n = Math.min(stepsPerDispatch, target - step);
          dispatch(integratePipeline, ensembleGroup, runControl(offset, count, step, n));
          step += n;
          await settle();
          doneSteps += count * n;
          options.onProgress?.({ trajectorySteps: doneSteps, totalTrajectorySteps: totalSteps });
          if (options.signal?.aborted) {
            // The dispatch in flight has finished: leave a snapshot of this very step, then stop.
            if (options.snapshots) await snapshot();
            throw new EnsembleAbortedError();
          }
        }
        const grid = dispatchGrid(blocks, maxGroups);
        const lastCheckpoint = c === spec.checkpoints.length - 1;
        device.queue.writeBuffer(
          reduceControl,
          0,
          packReduceControl({ count, groupsX: grid.x, outBlock: slot * blocksPerChunk, step: target, countersAt: countersAt(layout, c), lastCheckpoint }),
        );
        dispatch(reducePipeline, reduceGroup, grid, (encoder) => {
          if (trackedReadback && offset === 0) {
            encoder.copyBufferToBuffer(state, 0, trackedReadback, c * tracked * dim * 4, tracked * dim * 4);
          }
        });
        slot++;
        if (slot === slots || c === spec.checkpoints.length - 1) await flush();
        if (options.snapshots && (performance.now() - lastSnapshot) / 1000 >= (options.snapshots.minIntervalSeconds ?? 0)) await snapshot();
      }
      if (finalState && stateReadback) {
        const encoder = device.createCommandEncoder({ label });
        encoder.copyBufferToBuffer(state, 0, stateReadback, 0, count * dim * 4);
        device.queue.submit([encoder.finish()]);
        finalState.set(new Float32Array(await mapRead(stateReadback, count * dim * 4)), offset * dim);
      }
    }
    if (layout.counterWords > 0) {
      const encoder = device.createCommandEncoder({ label });
      encoder.copyBufferToBuffer(counters, 0, countersReadback, 0, layout.counterWords * 4);
      device.queue.submit([encoder.finish()]);
      statistics.addCounters(new Uint32Array(await mapRead(countersReadback, layout.counterWords * 4)));
    }
    const seconds = (performance.now() - start) / 1000;
    const trackedStates = trackedReadback ? splitTracked(await readTracked(), spec.checkpoints.length) : undefined;
    return ensembleResult(statistics, {
      finalState,
      tracked: trackedStates,
      timing: { seconds, compileSeconds, trajectorySteps: totalSteps, trajectoryStepsPerSecond: totalSteps / seconds },
      device: gpu.adapter,
    });
  } finally {
    for (const b of buffers) destroyEngineBuffer(b);
  }
}

/** Refuses a snapshot that does not fit this spec and chunking (another experiment's, or a device whose limits force other chunks). */
function checkSnapshot(s: EnsembleSnapshot, spec: EnsembleSpec, chunkSize: number, counterWords: number, aux: number): void {
  const problem =
    s.chunkSize !== chunkSize
      ? `it was taken with chunks of ${s.chunkSize} trajectories, and this device allows ${chunkSize}`
      : s.offset % chunkSize !== 0 || s.offset >= spec.trajectories
        ? `its chunk starts at trajectory ${s.offset}, not a chunk of this run`
        : s.checkpointsDone > spec.checkpoints.length || s.step > spec.steps || (s.checkpointsDone > 0 && s.step < spec.checkpoints[s.checkpointsDone - 1])
          ? `its position (step ${s.step}, ${s.checkpointsDone} checkpoints reduced) is not one of this run`
          : s.counters.byteLength !== counterWords * 4 || s.statistics.checkpoints.length !== spec.checkpoints.length
            ? 'its statistics have another layout'
            : s.chunk && (s.chunk.state.byteLength !== Math.min(chunkSize, spec.trajectories - s.offset) * spec.dim * 4 || s.chunk.aux.byteLength !== Math.min(chunkSize, spec.trajectories - s.offset) * aux * 4)
              ? "its chunk's words do not match this run's state"
              : undefined;
  if (problem) throw new RangeError(`cannot resume from this snapshot: ${problem}`);
}

function splitTracked(all: Float32Array, checkpoints: number): Float32Array[] {
  const size = all.length / checkpoints;
  return Array.from({ length: checkpoints }, (_, c) => all.slice(c * size, (c + 1) * size));
}

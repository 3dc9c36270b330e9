import type { EngineDevice } from '../gpu/engine-device';
import { EnsembleStatistics } from '../stats/ensemble-statistics';
import type { EnsembleOptions, EnsembleSpec } from './ensemble-spec';
import { ensembleResult } from './ensemble-result';
import { auxDim } from './kernels';
import { RECORD_WORDS, REDUCE_BLOCK } from './layout';
import { EnsembleAbortedError } from './ensemble-aborted-error';
import { DeviceChunk } from './device-chunk';
import type { EnsembleSnapshot } from './ensemble-snapshot';

/**
 * Runs an ensemble on the GPU: trajectories in chunks, many steps per dispatch
 * with the state in registers, a block reduction at every checkpoint, block
 * partials merged on the host in float64. A trajectory's numbers depend only
 * on (seed, trajectory index, step, draw), so results are bit-identical for
 * any chunk size. The device side of every chunk is a DeviceChunk; this
 * function owns the loop over chunks, checkpoints, progress and snapshots.
 */
export async function runEnsembleGpu(gpu: EngineDevice, spec: EnsembleSpec, options: EnsembleOptions = {}) {
  return runEnsembleChunks(gpu, spec, options);
}

/**
 * What runEnsembleGpu does, with `atChunkEnd` called once per chunk after its
 * last step while the chunk's final states are still on the device, with the
 * chunk's trajectories [offset, offset + count) of the run (multilevel Monte
 * Carlo reduces its level differences there: src/ensemble/level-difference.ts).
 */
export async function runEnsembleChunks(gpu: EngineDevice, spec: EnsembleSpec, options: EnsembleOptions, atChunkEnd?: (chunk: DeviceChunk, offset: number, count: number) => void | Promise<void>) {
  const resume = options.resume;
  // A resumed run keeps the chunks it was cut into: the snapshot holds one chunk's words.
  const chunk = await DeviceChunk.create(gpu, spec, {
    chunkSize: resume ? resume.chunkSize : options.chunkSize,
    stepsPerDispatch: options.stepsPerDispatch,
    trackTrajectories: options.trackTrajectories,
    finalState: options.keepFinalState,
    snapshots: options.snapshots !== undefined,
  });
  try {
    const { layout } = chunk;
    const { chunkSize, blocksPerChunk, slots, tracked } = chunk.plan;
    if (resume) checkSnapshot(resume, spec, chunkSize, layout.counterWords, auxDim(spec));
    const dim = spec.dim;
    const pw = layout.partialWords;
    const statistics = resume?.statistics ?? new EnsembleStatistics(layout, spec.checkpoints, spec.trajectories);
    // Tracked paths of the first chunk reached before a snapshot; the readback buffer holds the ones reached after.
    const trackedBefore = resume?.tracked ? new Float32Array(resume.tracked) : undefined;
    const finalState = options.keepFinalState ? new Float32Array(spec.trajectories * dim) : undefined;
    if (resume && resume.counters.byteLength > 0) chunk.write('counters', resume.counters);
    const totalSteps = spec.trajectories * spec.steps;
    let doneSteps = resume?.trajectorySteps ?? 0;
    const start = performance.now() - (resume?.seconds ?? 0) * 1000;
    /** The tracked paths: those reached before a resume (the buffer holds zeros there), then the buffer's. */
    const readTracked = async (): Promise<Float32Array> => {
      const all = await chunk.readTracked();
      if (trackedBefore) all.set(trackedBefore);
      return all;
    };
    let lastSnapshot = performance.now();
    const firstOffset = resume?.offset ?? 0;
    for (let offset = firstOffset; offset < spec.trajectories; offset += chunkSize) {
      const count = Math.min(chunkSize, spec.trajectories - offset);
      const blocks = Math.ceil(count / REDUCE_BLOCK);
      const resumed = offset === firstOffset && resume?.chunk ? resume : undefined;
      /** Puts the chunk at its first step: its snapshot's words exactly as they were, else initial states. */
      const begin = () => {
        if (resumed) {
          chunk.write('state', resumed.chunk!.state);
          chunk.write('records', resumed.chunk!.records);
          chunk.write('aux', resumed.chunk!.aux);
        } else chunk.initialize(offset, count);
      };
      begin();
      /**
       * After a dispatch the driver cut short (a loop-iteration limit): halves the steps per
       * dispatch and takes the chunk from its first step back to `upTo` in shorter dispatches.
       * Results never depend on how the steps are cut, and nothing of the cut dispatch was
       * reduced, so the chunk goes on as if the cut had never happened.
       */
      const replay = async (upTo: number) => {
        let cut = true;
        while (cut) {
          chunk.halveStepsPerDispatch(upTo);
          begin();
          cut = false;
          for (let at = resumed?.step ?? 0; at < upTo && !cut; ) {
            const n = Math.min(chunk.plan.stepsPerDispatch, upTo - at);
            chunk.integrate(offset, count, at, n);
            at += n;
            await chunk.settle();
            cut = await chunk.integrateWasCut();
          }
        }
      };
      let slot = 0;
      let pendingFrom = resumed?.checkpointsDone ?? 0; // first checkpoint whose partials are not read back yet
      let step = resumed?.step ?? 0;
      /** Reads back the partials of the checkpoints reduced since the last readback and merges them (in block order), once no loop was cut. */
      const flush = async () => {
        // Nothing read back is used before the loop canaries say no loop was cut (llvmpipe over OpenGL ES).
        await chunk.checkLoops();
        if (slot === 0) return;
        const values = await chunk.readPartials(slot);
        for (let s = 0; s < slot; s++) {
          for (let b = 0; b < blocks; b++) statistics.mergeBlockPartial(pendingFrom + s, values, (s * blocksPerChunk + b) * pw);
        }
        pendingFrom += slot;
        slot = 0;
      };
      /** Hands out a snapshot of this chunk at `step` (partials flushed first, so the statistics are merged up to it). */
      const snapshot = async () => {
        await flush();
        const countersNow = (await chunk.readCounters()).buffer as ArrayBuffer;
        const words = {
          state: await chunk.copyOut('state', count * dim * 4),
          records: await chunk.copyOut('records', count * RECORD_WORDS * 4),
          aux: await chunk.copyOut('aux', count * auxDim(spec) * 4),
        };
        // Chunk 0 fills the tracked paths checkpoint by checkpoint; later chunks find them complete.
        const reached = offset === 0 ? pendingFrom : spec.checkpoints.length;
        const trackedNow = tracked > 0 ? (await readTracked()).slice(0, reached * tracked * dim).buffer : undefined;
        lastSnapshot = performance.now();
        await options.snapshots!.save({
          chunkSize,
          offset,
          step,
          checkpointsDone: pendingFrom,
          chunk: words,
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
          const n = Math.min(chunk.plan.stepsPerDispatch, target - step);
          chunk.integrate(offset, count, step, n);
          await chunk.settle();
          if (await chunk.integrateWasCut()) {
            await replay(step);
            continue;
          }
          step += n;
          doneSteps += count * n;
          options.onProgress?.({ trajectorySteps: doneSteps, totalTrajectorySteps: totalSteps });
          if (options.signal?.aborted) {
            // The dispatch in flight has finished: leave a snapshot of this very step, then stop.
            if (options.snapshots) await snapshot();
            throw new EnsembleAbortedError();
          }
        }
        chunk.reduce(count, c, slot, offset === 0);
        slot++;
        if (slot === slots || c === spec.checkpoints.length - 1) await flush();
        if (options.snapshots && (performance.now() - lastSnapshot) / 1000 >= (options.snapshots.minIntervalSeconds ?? 0)) await snapshot();
      }
      await atChunkEnd?.(chunk, offset, count);
      if (finalState) finalState.set(new Float32Array(await chunk.copyOut('state', count * dim * 4, 'state readback')), offset * dim);
    }
    if (layout.counterWords > 0) statistics.addCounters(await chunk.readCounters());
    const seconds = (performance.now() - start) / 1000;
    const trackedStates = tracked > 0 ? splitTracked(await readTracked(), spec.checkpoints.length) : undefined;
    return ensembleResult(statistics, {
      finalState,
      tracked: trackedStates,
      timing: { seconds, compileSeconds: chunk.compileSeconds, trajectorySteps: totalSteps, trajectoryStepsPerSecond: totalSteps / seconds },
      device: gpu.adapter,
    });
  } finally {
    chunk.dispose();
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

/**
 * Float64 twin of shaders/lib/batch_draw.wgsl: the batch of one switching
 * interval as a colex rank, from the same words as the mini-batch noise
 * (`drawBatch` of src/reference/noise/minibatch.ts, reused as is, with the
 * flow's one batch size b: these dynamics refuse batch-size schedules).
 */
import { batchRank } from '../dynamics/batch-maps';
import { drawBatch } from './noise/minibatch';
import type { TrajectoryStream } from './trajectory-stream';

/** Rank of the b-subset drawn at (step, MINIBATCH, blocks firstBlock…). */
export function batchDraw(stream: TrajectoryStream, step: number, firstBlock: number, n: number, b: number): number {
  if (b === n) return 0;
  const shifted = { wordsAt: (s: number, purpose: number, block: number) => stream.wordsAt(s, purpose, block + firstBlock) };
  const picks = drawBatch(b, false, n, step, shifted);
  return batchRank([...picks].sort((x, y) => x - y));
}

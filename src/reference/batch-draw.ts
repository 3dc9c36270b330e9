/**
 * Float64 twin of shaders/lib/batch_draw.wgsl: the batch of one switching
 * interval as a colex rank, from the same words as the mini-batch noise
 * (`batchIndices` of src/reference/noise/minibatch.ts, reused as is).
 */
import { batchRank } from '../dynamics/batch-maps';
import { batchIndices } from './noise/minibatch';
import type { TrajectoryStream } from './trajectory-stream';

/** Rank of the b-subset drawn at (step, MINIBATCH, blocks firstBlock…). */
export function batchDraw(stream: TrajectoryStream, step: number, firstBlock: number, n: number, b: number): number {
  if (b === n) return 0;
  const shifted = { wordsAt: (s: number, purpose: number, block: number) => stream.wordsAt(s, purpose, block + firstBlock) };
  const picks = batchIndices({ kind: 'minibatch', batchSize: b, replacement: false }, n, step, shifted);
  return batchRank([...picks].sort((x, y) => x - y));
}

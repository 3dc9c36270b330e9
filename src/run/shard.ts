import { REDUCE_BLOCK } from '../ensemble/layout';

/** Which part of an ensemble one process runs: shard `index` of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Trajectories [first, first + trajectories) of a shard. */
export interface ShardRange {
  first: number;
  trajectories: number;
}

/**
 * Shard i of n runs trajectories [iN/n, (i+1)N/n), each boundary rounded down
 * to a multiple of 256 (the reduction block) so that every shard reduces the
 * same blocks as the unsharded run and the merged statistics equal it to
 * float64 rounding. Counter-based random numbers make a shard a pure function
 * of the experiment and i.
 */
export function shardRange(total: number, shard: Shard): ShardRange {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`a shard is i/n with integers 0 ≤ i < n, got ${index}/${count}`);
  }
  const boundary = (i: number) => (i === count ? total : Math.floor(Math.floor((i * total) / count) / REDUCE_BLOCK) * REDUCE_BLOCK);
  const first = boundary(index);
  const trajectories = boundary(index + 1) - first;
  if (trajectories < 1) {
    throw new RangeError(
      `shard ${index}/${count} of ${total} trajectories would be empty: shard boundaries are multiples of ${REDUCE_BLOCK}, so use at most ${Math.max(1, Math.floor(total / REDUCE_BLOCK))} shards`,
    );
  }
  return { first, trajectories };
}

/** Parses "i/n" as written on the command line. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (!match) throw new RangeError(`--shard must look like i/n (e.g. 0/4), got "${text}"`);
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  if (shard.count < 1 || shard.index >= shard.count) throw new RangeError(`--shard i/n needs 0 ≤ i < n, got "${text}"`);
  return shard;
}

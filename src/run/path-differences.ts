/** Max and RMS of |a − b| over all checkpoints, trajectories and coordinates (NaN pairs are skipped). */
export function pathDifferences(a: ArrayLike<number>[], b: ArrayLike<number>[]): { maxAbs: number; rms: number } {
  let maxAbs = 0;
  let sum = 0;
  let count = 0;
  a.forEach((states, c) => {
    for (let i = 0; i < states.length; i++) {
      const d = Math.abs(states[i] - b[c][i]);
      if (Number.isNaN(d)) continue;
      maxAbs = Math.max(maxAbs, d);
      sum += d * d;
      count++;
    }
  });
  return { maxAbs, rms: Math.sqrt(sum / Math.max(count, 1)) };
}

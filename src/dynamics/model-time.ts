import type { Schedule } from '../schedules/schedule';

/**
 * Model time per step of a discrete method: its lr when that is a constant
 * number (t = k·η, the time of its continuous models), else 1 (with a schedule,
 * t counts steps).
 */
export function modelTimeStep(lr: Schedule): number {
  return typeof lr === 'number' ? lr : 1;
}

/** Raised when a run is cancelled through its AbortSignal. */
export class EnsembleAbortedError extends Error {
  constructor() {
    super('the ensemble run was cancelled');
    this.name = 'AbortError';
  }
}

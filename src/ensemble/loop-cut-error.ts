/**
 * Raised when a kernel's loop canary (shaders/lib/loop_canary.wgsl) finds that
 * the driver cut its loops short and nothing can repair it: on llvmpipe over
 * OpenGL ES every loop of an invocation stops, silently, once all its loops
 * together have run 65,535 iterations. The runner replays a cut time loop in
 * shorter dispatches first; this is raised when one step per dispatch is cut,
 * when a reduction is cut, and by a live ensemble (which does not replay).
 * The results would be wrong, so none are given.
 */
export class LoopCutError extends Error {
  constructor(
    /** Which kernel was cut. */
    readonly kernel: 'integrate' | 'reduce',
    /** integrate: the step a cut trajectory had reached; reduce: the checkpoint's step (a level reduction: the run's last). */
    readonly step: number,
    /** Steps per dispatch the run used (integrate). */
    readonly stepsPerDispatch: number,
  ) {
    super(
      kernel === 'integrate'
        ? `the driver cut the time loop short by step ${step} (${stepsPerDispatch} steps per dispatch): this adapter stops every loop of an invocation after 65,535 iterations in all, ` +
            'and the steps here ran more loop iterations than that (a data-dependent loop, or a schedule such as a growing batch). No results are given, since they would be wrong. ' +
            (stepsPerDispatch > 1 ? 'Pass a smaller stepsPerDispatch (an option of runEnsembleGpu and LiveEnsemble), or use' : 'One step does not fit this adapter: use') +
            ' the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.'
        : `the driver cut the statistics' loops short at the checkpoint of step ${step}: this adapter stops every loop of an invocation after 65,535 iterations in all. ` +
            'No results are given, since they would be wrong. Record fewer of covariance, loss and level regions, or use the Vulkan backend (lavapipe, --backend vulkan) or a hardware GPU.',
    );
    this.name = 'LoopCutError';
  }
}

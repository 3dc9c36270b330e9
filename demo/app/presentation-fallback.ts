/**
 * Recognises a failed WebGPU canvas presentation. Some software adapters
 * (SwiftShader's Vulkan in a chromium whose compositor cannot share its
 * images) lose the whole device at the first presented frame; the run then
 * fails with whatever call came next ("A valid external Instance reference no
 * longer exists"). The device's `lost` promise is what tells the two apart
 * from an ordinary failure: it settles at once, or within a few frames.
 */
import type { EngineDevice } from 'sdeflow';

/** How long to wait for `device.lost` after a failed run. */
const LOST_WAIT_MS = 500;
/** The browser offers no adapter while its GPU process restarts after the loss (about half a second in chromium 156). */
const ADAPTER_RETRY_MS = 500;
const ADAPTER_TRIES = 10;

export const PRESENTATION_NOTE = 'This browser could not show WebGPU canvases (its device was lost at the first presented frame), so particles are drawn by copying their pixels: the same pipeline, a little slower.';

/** The device's loss reason when a run that presented failed because the device died; undefined for any other failure. */
export async function presentationFailure(gpu: EngineDevice): Promise<string | undefined> {
  return gpu.lostReason() ?? (await deviceLostSoon(gpu.device));
}

/** The same check for code that owns a bare GPUDevice (the embedding example). */
export async function deviceLostSoon(device: GPUDevice): Promise<string | undefined> {
  const info = await Promise.race([device.lost, new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOST_WAIT_MS))]);
  return info === undefined ? undefined : `device lost, ${info.reason}${info.message ? `: ${info.message}` : ''}`;
}

/** A fresh device once the browser offers an adapter again (it offers none for a moment after such a loss). */
export async function deviceAfterLoss<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (e) {
      if (attempt >= ADAPTER_TRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, ADAPTER_RETRY_MS));
    }
  }
}

/** Rejects once `device` is lost (to race a run whose waits a lost device may never settle). */
export function rejectOnLoss(device: GPUDevice): Promise<never> {
  return device.lost.then((info) => {
    throw new Error(`device lost, ${info.reason}${info.message ? `: ${info.message}` : ''}`);
  });
}

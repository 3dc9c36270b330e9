import { afterAll } from 'vitest';
import { requestNodeDevice, type EngineDevice } from '../../src/node';

let device: Promise<EngineDevice> | undefined;

/**
 * One real WebGPU device per test file (Node `webgpu` package; the backend
 * follows SDEFLOW_BACKEND, so CI runs the same tests on llvmpipe and lavapipe).
 * Never a mock: numeric tests need the real compiler and rounding.
 */
export function testDevice(): Promise<EngineDevice> {
  if (!device) {
    device = requestNodeDevice();
    afterAll(async () => (await device!).release());
  }
  return device;
}

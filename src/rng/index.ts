/**
 * Counter-based random numbers shared by the GPU kernels and the float64 CPU
 * reference: Philox4x32-10, word → uniform/normal maps, the stream layout and
 * the seed → key map. See the module docs of each file.
 *
 * @module
 */
export { PHILOX_M0, PHILOX_M1, PHILOX_W0, PHILOX_W1, philox4x32_10, philox4x32_10Into, philoxMulhilo } from './philox';
export {
  NORMAL_CENTRAL_MIN_TAIL_INDEX,
  NORMAL_F32_MAX_ABS_DIFF,
  NORMAL_FROM_WORD_MAX_ABS_ERROR,
  NORMAL_FROM_WORD_MAX_REL_ERROR,
  PPND7_COEFFICIENTS,
  erfc,
  normalCdf,
  normalFromWord,
  normalQuantile,
  uniformFromWord,
} from './random';
export { keyFromSeed } from './seed';
export type { RngKey } from './seed';
export { RNG_STREAM_VERSION, RngPurpose, normals4Into, rngCounter, rngWords4Into, uniforms4Into } from './streams';
export type { RngPurposeName, RngPurposeValue } from './streams';

export { composeKernel, ROLE_SYMBOLS, type ComposedKernel, type KernelSpec, type ShaderModule } from './compose-kernel';
export { ShaderCompositionError } from './include-resolver';
export { SHADER_LIBRARY } from './shader-library';

import { textHash } from '../text-hash';
import { applyConditionals } from './conditionals';
import { resolveIncludes, ShaderCompositionError } from './include-resolver';
import { wgslPreamble } from './preamble';
import { SHADER_LIBRARY, type ShaderSources } from './shader-library';

/** A WGSL module that plays a role in a kernel (its path under shaders/ and its text). */
export interface ShaderModule {
  path: string;
  source: string;
}

/** The symbols each role must define; the composer checks them before WebGPU sees the code. */
export const ROLE_SYMBOLS: Readonly<Record<string, readonly string[]>> = {
  objective: ['objective_grad', 'objective_hess_vec', 'objective_loss'],
  dynamics: ['dynamics_init', 'dynamics_step'],
  noise: ['noise_grad'],
  observer: ['observer_start', 'observer_stopped', 'observer_step'],
};

export interface KernelSpec {
  /** Kernel file under shaders/, e.g. "kernels/integrate.wgsl". */
  entry: string;
  /** Entry-point function name inside it. */
  entryPoint: string;
  /** Modules bound to the `<role>` includes of the kernel. */
  roles?: Readonly<Record<string, ShaderModule>>;
  /** Flags for `#if ${NAME}` branches. */
  defines?: Readonly<Record<string, boolean>>;
  /** Structural constants written into the preamble (DIM, offsets, …). */
  constants: Readonly<Record<string, number>>;
  /** Numeric knobs passed as WGSL `override` constants at pipeline creation. */
  overrides?: Readonly<Record<string, number>>;
}

export interface ComposedKernel {
  code: string;
  entryPoint: string;
  overrides: Readonly<Record<string, number>>;
  /** Cache key: identical keys mean identical pipelines. */
  key: string;
  /** Short label for GPU objects and error messages. */
  label: string;
}

/**
 * Joins a kernel with its role modules into one WGSL program: preamble
 * constants, includes, then conditionals. The same function runs in Node,
 * vitest and the browser bundle, so all three see the same source.
 */
export function composeKernel(spec: KernelSpec, library: ShaderSources = SHADER_LIBRARY): ComposedKernel {
  const sources: Record<string, string> = { ...library };
  const rolePaths: Record<string, string> = {};
  for (const [role, module] of Object.entries(spec.roles ?? {})) {
    const required = ROLE_SYMBOLS[role];
    if (!required) throw new ShaderCompositionError(`unknown role <${role}> (roles: ${Object.keys(ROLE_SYMBOLS).join(', ')})`);
    for (const symbol of required) {
      if (!new RegExp(`\\bfn\\s+${symbol}\\s*\\(`).test(module.source)) {
        throw new ShaderCompositionError(`shaders/${module.path}: the ${role} role requires fn ${symbol}(…), which it does not define`);
      }
    }
    sources[module.path] = module.source;
    rolePaths[role] = module.path;
  }
  const body = resolveIncludes(spec.entry, sources, rolePaths);
  const code = applyConditionals(wgslPreamble(spec.constants) + body, spec.defines ?? {});
  const overrides = spec.overrides ?? {};
  const roleNames = Object.values(spec.roles ?? {}).map((m) => m.path.replace(/\.wgsl$/, ''));
  const label = [spec.entry.replace(/\.wgsl$/, ''), ...roleNames].join('+');
  // The entry point is part of the key: one file may define several (a pipeline is one entry point of a module).
  return { code, entryPoint: spec.entryPoint, overrides, key: `${label}:${spec.entryPoint}#${hashText(code + JSON.stringify(overrides))}`, label };
}

// The key covers every byte that reaches the compiler.
function hashText(text: string): string {
  return `${textHash(text)}-${text.length}`;
}

import { describe, expect, it } from 'vitest';
import { composeKernel, SHADER_LIBRARY, type KernelSpec, type ShaderModule } from '../../src/compose';
import { wgslPreamble } from '../../src/compose/preamble';
import { DYNAMICS, NOISES, OBJECTIVES } from '../../src/registry';
import { compositionErrorOf } from '../support/composition-error';

const observerNone: ShaderModule = { path: 'observers/none.wgsl', source: SHADER_LIBRARY['observers/none.wgsl'] };

const roles = () => ({
  objective: OBJECTIVES.quadratic.shader as ShaderModule,
  noise: NOISES.none.shader as ShaderModule,
  dynamics: DYNAMICS['gradient-sde'].shader as ShaderModule,
  observer: observerNone,
});

/** The integrate kernel of a 3-D quadratic with a full σ matrix (fields where packParams lays them out). */
function integrateSpec(changes: Partial<KernelSpec> = {}): KernelSpec {
  return {
    entry: 'kernels/integrate.wgsl',
    entryPoint: 'integrate',
    roles: roles(),
    constants: { DIM: 3, AUX_DIM: 1, INIT_MEAN: 0, INIT_STD: 3, QUADRATIC_A: 6, QUADRATIC_B: 15, GRADIENT_SDE_DT: 18, GRADIENT_SDE_SQRT_DT: 19, GRADIENT_SDE_SIGMA: 20, RECORD_WORDS: 1, PARAMS_WORDS: 29, BROWNIAN_REFINE_LOG2: 0, BROWNIAN_GROUP: 4, BROWNIAN_GROUP_WORDS: 12 },
    defines: { EXACT_TRANSITION: false, SIGMA_MATRIX: false, SIGMA_DIAGONAL: false, MODEL_PRIVATE: true, STATE_IN_STORAGE: false, BROWNIAN: true, BROWNIAN_GROUPED: true, BROWNIAN_GROUP_OF_4: true },
    overrides: { WORKGROUP_SIZE: 64 },
    ...changes,
  };
}

/** The 2-D integrate kernel: scalar-σ Euler–Maruyama (13 words) or the exact transition (E, c, L: 20 words). */
function integrate2d(exact: boolean): KernelSpec {
  return integrateSpec({
    constants: { DIM: 2, AUX_DIM: 1, INIT_MEAN: 0, INIT_STD: 2, QUADRATIC_A: 4, QUADRATIC_B: 8, ...(exact ? { GRADIENT_SDE_E: 10, GRADIENT_SDE_C: 14, GRADIENT_SDE_L: 16 } : { GRADIENT_SDE_DT: 10, GRADIENT_SDE_SQRT_DT: 11, GRADIENT_SDE_SIGMA: 12 }), RECORD_WORDS: 1, PARAMS_WORDS: exact ? 20 : 13, BROWNIAN_REFINE_LOG2: 0, BROWNIAN_GROUP: 1, BROWNIAN_GROUP_WORDS: 1 },
    defines: { EXACT_TRANSITION: exact, SIGMA_MATRIX: false, SIGMA_DIAGONAL: false, MODEL_PRIVATE: true, STATE_IN_STORAGE: false, BROWNIAN: true, BROWNIAN_GROUPED: false, BROWNIAN_GROUP_OF_4: false },
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

/** Names of every `fn name(` definition in WGSL text, in order. */
const definedFunctions = (code: string) => [...code.matchAll(/\bfn\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)].map((m) => m[1]);

describe('composeKernel on the integrate kernel', () => {
  const kernel = composeKernel(integrateSpec());

  it('leaves no preprocessor directive or include in the composed code', () => {
    for (const directive of ['#if', '#elif', '#else', '#endif', '#include']) {
      expect(kernel.code, directive).not.toContain(directive);
    }
    expect(kernel.code).not.toContain('${');
  });

  it('starts with the preamble constants, DIM first', () => {
    expect(kernel.code.startsWith('const DIM: u32 = 3u;\n')).toBe(true);
    expect(kernel.code).toContain('const PARAMS_WORDS: u32 = 29u;\n');
    expect(kernel.code).toContain('const GRADIENT_SDE_DT: u32 = 18u;\n');
  });

  it('defines each function of the kernel and its roles exactly once', () => {
    const names = definedFunctions(kernel.code);
    const required = [
      'integrate',
      'dynamics_step',
      'brownian_step',
      'brownian_group',
      'brownian_take',
      'integrate_step',
      'objective_grad',
      'objective_hess_vec',
      'objective_loss',
      'observer_step',
      'noise_grad',
      'dynamics_init',
      'load_model',
      'load_state',
      'store_state',
      'local_trajectory',
    ];
    for (const name of required) {
      expect(names.filter((n) => n === name), `fn ${name}(`).toHaveLength(1);
    }
    const duplicates = names.filter((n, i) => names.indexOf(n) !== i);
    expect(duplicates).toEqual([]);
  });

  it('keeps the private model copy when MODEL_PRIVATE is set, and the storage binding otherwise', () => {
    expect(kernel.code).toContain('var<private> model: array<f32, PARAMS_WORDS>;');
    expect(kernel.code).not.toContain('var<storage, read> model: array<f32>;');
    const shared = composeKernel(integrateSpec({ defines: { ...integrateSpec().defines, MODEL_PRIVATE: false } }));
    expect(shared.code).toContain('var<storage, read> model: array<f32>;');
    expect(shared.code).not.toContain('var<private> model');
  });

  it('passes the entry point and overrides through, and labels the kernel by its files', () => {
    expect(kernel.entryPoint).toBe('integrate');
    expect(kernel.overrides).toEqual({ WORKGROUP_SIZE: 64 });
    expect(kernel.label).toBe('kernels/integrate+objectives/quadratic+noise/none+dynamics/gradient-sde+observers/none');
    expect(kernel.key.startsWith(`${kernel.label}:integrate#`)).toBe(true);
  });

  it('gives equal keys (and code) for equal specs built separately', () => {
    const again = composeKernel(integrateSpec());
    expect(again.key).toBe(kernel.key);
    expect(again.code).toBe(kernel.code);
  });

  it('changes the key when a define changes', () => {
    const defines = integrateSpec().defines!;
    for (const name of Object.keys(defines)) {
      const flipped = composeKernel(integrateSpec({ defines: { ...defines, [name]: !defines[name] } }));
      expect(flipped.key, name).not.toBe(kernel.key);
    }
  });

  it('changes the key when a constant changes', () => {
    const constants = integrateSpec().constants;
    for (const name of Object.keys(constants)) {
      const changed = composeKernel(integrateSpec({ constants: { ...constants, [name]: constants[name] + 1 } }));
      expect(changed.key, name).not.toBe(kernel.key);
    }
  });

  it('changes the key when an override changes, though the code does not', () => {
    const changed = composeKernel(integrateSpec({ overrides: { WORKGROUP_SIZE: 128 } }));
    expect(changed.code).toBe(kernel.code);
    expect(changed.key).not.toBe(kernel.key);
  });

  it('changes the key when the entry point changes, though the code does not (a file may define several)', () => {
    const other = composeKernel(integrateSpec({ entryPoint: 'another_entry' }));
    expect(other.code).toBe(kernel.code);
    expect(other.key).not.toBe(kernel.key);
  });
});

describe('composeKernel integrator branches', () => {
  it('composes the Euler–Maruyama step, not the exact transition, when EXACT_TRANSITION is false', () => {
    const code = composeKernel(integrate2d(false)).code;
    expect(code).toContain('const DIM: u32 = 2u;');
    expect(code).toContain('let sqrt_dt = model[GRADIENT_SDE_SQRT_DT];');
    expect(code).toContain('objective_grad(x, &g);');
    expect(code).toContain('let noise = model[sigma] * z[i];');
    expect(code).not.toContain('let E = GRADIENT_SDE_E;');
    expect(code).not.toContain('model[L + i * DIM + j]');
  });

  it('composes the exact transition, not the Euler–Maruyama step, when EXACT_TRANSITION is true', () => {
    const code = composeKernel(integrate2d(true)).code;
    expect(code).toContain('let E = GRADIENT_SDE_E;');
    expect(code).toContain('model[L + i * DIM + j]');
    expect(code).not.toContain('sqrt_dt');
    expect(code).not.toContain('objective_grad(x, &g);');
  });

  it('picks the diagonal σ branch when SIGMA_DIAGONAL is set and SIGMA_MATRIX is not', () => {
    const spec = integrate2d(false);
    const code = composeKernel({ ...spec, defines: { ...spec.defines, SIGMA_DIAGONAL: true } }).code;
    expect(code).toContain('let noise = model[sigma + i] * z[i];');
    expect(code).not.toContain('let noise = model[sigma] * z[i];');
    expect(code).not.toContain('model[sigma + i * DIM + j]');
  });
});

describe('composeKernel role checks', () => {
  it('names the file and the symbol when an objective lacks objective_hess_vec', () => {
    const source = OBJECTIVES.quadratic.shader.source.replace(/fn objective_hess_vec\(/, 'fn objective_hessian_vector(');
    expect(source).not.toBe(OBJECTIVES.quadratic.shader.source);
    const broken = { path: 'objectives/broken-quadratic.wgsl', source };
    const message = compositionErrorOf(() => composeKernel(integrateSpec({ roles: { ...roles(), objective: broken } })));
    expect(message).toContain('objectives/broken-quadratic.wgsl');
    expect(message).toContain('objective_hess_vec');
  });

  it('names the file and the symbol when a dynamics module lacks dynamics_step', () => {
    const broken = { path: 'dynamics/empty.wgsl', source: 'fn dynamics_init() {}\n// nothing else: dynamics_step( is only mentioned\n' };
    const message = compositionErrorOf(() => composeKernel(integrateSpec({ roles: { ...roles(), dynamics: broken } })));
    expect(message).toContain('dynamics/empty.wgsl');
    expect(message).toContain('dynamics_step');
  });

  it('rejects a role the composer does not know, naming it', () => {
    const message = compositionErrorOf(() => composeKernel(integrateSpec({ roles: { ...roles(), optimizer: observerNone } })));
    expect(message).toContain('<optimizer>');
  });

  it('names the flag when the kernel uses a define the spec leaves out', () => {
    const { SIGMA_DIAGONAL: _omitted, ...defines } = integrateSpec().defines!;
    const message = compositionErrorOf(() => composeKernel(integrateSpec({ defines })));
    expect(message).toContain('SIGMA_DIAGONAL');
  });
});

describe('wgslPreamble', () => {
  it('writes one u32 const per constant, in order', () => {
    expect(wgslPreamble({ DIM: 3, OBJECTIVE_OFFSET: 0, MAX_WORD: 0xffffffff })).toBe(
      'const DIM: u32 = 3u;\nconst OBJECTIVE_OFFSET: u32 = 0u;\nconst MAX_WORD: u32 = 4294967295u;\n',
    );
  });

  it('rejects names that are not UPPER_SNAKE_CASE, naming them', () => {
    for (const name of ['dim', 'Dim', 'dimOffset', '1DIM', '_DIM', 'DIM-OFFSET', 'DIM OFFSET', '']) {
      expect(() => wgslPreamble({ [name]: 1 }), JSON.stringify(name)).toThrow(`"${name}"`);
    }
  });

  it('rejects values that are not u32, naming the constant', () => {
    for (const value of [-1, 1.5, 2 ** 32, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => wgslPreamble({ DIM: value }), String(value)).toThrow(/DIM = .* must be a u32/);
    }
  });
});

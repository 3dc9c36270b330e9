/**
 * The demo frame: picks the page from `?page=`, reads its configuration from
 * the URL (strictly: a bad value shows an error naming it), checks WebGPU,
 * runs the page's ensemble and shows its numbers. Every control change
 * rewrites the URL and re-runs, cancelling the run in progress. For tests and
 * scripts, `window.sdeflow` holds the experiment, the numbers and the state,
 * and `document.body.dataset.state` is `running`, `done` or `error`.
 */
import { adapterLabel, assertExperiment, ExperimentError, requestBrowserDevice, type EngineDevice, type Experiment } from 'sdeflow';
import { ConfigError, configQuery, parseConfig } from './config';
import { renderControls } from './controls';
import { renderNumbers } from './numbers-table';
import type { MountedView, PageConfig, PageDefinition, ShownNumber } from './page-definition';
import { PAGES } from '../pages/registry';
import type { Presentation } from './particle-canvas';
import { deviceAfterLoss, presentationFailure, PRESENTATION_NOTE, rejectOnLoss } from './presentation-fallback';

interface DemoState {
  page?: string;
  experiment?: unknown;
  /** Every file the page ran (the one of `experiment`, unless the page defines several). */
  experiments?: unknown[];
  numbers?: ShownNumber[];
  error?: string;
  /** How particle canvases present now: `canvas` (GPUCanvasContext) or `copy` (asked for, or fallen back to). */
  presentation?: Presentation;
  /** Why the page fell back from `canvas` to `copy`, when it did. */
  presentationFallback?: string;
}

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const state: DemoState = {};
(window as unknown as { sdeflow: DemoState }).sdeflow = state;

function setState(s: 'running' | 'done' | 'error'): void {
  document.body.dataset.state = s;
}

function showError(title: string, lines: string[], hint?: string): void {
  const box = $('#error');
  box.hidden = false;
  box.replaceChildren();
  const h = document.createElement('strong');
  h.textContent = title;
  const list = document.createElement('ul');
  for (const l of lines) {
    const li = document.createElement('li');
    li.textContent = l;
    list.append(li);
  }
  box.append(h, list);
  if (hint) {
    const p = document.createElement('p');
    p.textContent = hint;
    box.append(p);
  }
  state.error = [title, ...lines].join('\n');
  setState('error');
}

function renderNav(current?: PageDefinition): void {
  const nav = $('#nav');
  nav.replaceChildren(
    ...PAGES.map((p) => {
      const a = document.createElement('a');
      a.href = `?page=${p.id}`;
      a.textContent = p.title;
      if (p === current) a.setAttribute('aria-current', 'page');
      return a;
    }),
  );
}

let gpuPromise: Promise<EngineDevice> | undefined;
/**
 * `?present=copy`: particle canvases copy their pixels. Without it they present
 * through GPUCanvasContext, and a page whose device dies at its first presented
 * frame (some software adapters) switches to copying by itself, with a note.
 */
const asked: Presentation = new URLSearchParams(location.search).get('present') === 'copy' ? 'copy' : 'canvas';
let presentation: Presentation = asked;
state.presentation = presentation;
let mounted: MountedView | undefined;
let controller: AbortController | undefined;

async function start(): Promise<void> {
  const search = new URLSearchParams(location.search);
  const id = search.get('page') ?? PAGES[0].id;
  const page = PAGES.find((p) => p.id === id);
  renderNav(page);
  if (!page) {
    showError(`No page "${id}"`, [`page: expected one of ${PAGES.map((p) => p.id).join(', ')}`], 'Pick a page above.');
    return;
  }
  state.page = page.id;
  $('#title').textContent = page.title;
  $('#summary').textContent = page.summary;
  $('#source').textContent = page.source ? `Default configuration: ${page.source}` : '';
  document.title = `sdeflow — ${page.title}`;
  let config: PageConfig;
  try {
    config = parseConfig(page, search);
  } catch (e) {
    if (e instanceof ConfigError) {
      showError('This URL holds an invalid configuration; nothing was run', e.problems, `Fix the parameters, or open ?page=${page.id} for the defaults.`);
      return;
    }
    throw e;
  }
  if (!navigator.gpu) {
    showError('WebGPU is not available in this browser', ['navigator.gpu is missing'], 'Use a browser with WebGPU (Chrome, Edge, Safari 26, Firefox 141+) over https:// or http://localhost.');
    return;
  }
  const view = (await page.view()).default;
  mounted = view.mount($('#panels'));
  const run = (next: PageConfig) => {
    history.replaceState(null, '', `?${configQuery(page, next)}${asked === 'copy' ? '&present=copy' : ''}`);
    renderControls($('#controls'), page, next, run);
    void runPage(page, next);
  };
  run(config);
}

let previous: Promise<void> = Promise.resolve();

/** Runs one configuration; a newer one cancels it, and starts only once it has let go of the canvases. */
function runPage(page: PageDefinition, config: PageConfig): Promise<void> {
  controller?.abort();
  const ours = new AbortController();
  controller = ours;
  previous = previous.then(() => (ours.signal.aborted ? undefined : runConfiguration(page, config, ours)));
  return previous;
}

async function runConfiguration(page: PageDefinition, config: PageConfig, ours: AbortController): Promise<void> {
  setState('running');
  $('#error').hidden = true;
  const status = (text: string) => ($('#status').textContent = text);
  let experiments: Experiment[];
  try {
    const files = page.experiments ? page.experiments(config) : [page.experiment(config)];
    state.experiment = files[0];
    state.experiments = files;
    // Several files: each issue names its file first.
    const where = (json: Record<string, unknown>) => (files.length > 1 ? `${String(json.name)}: ` : '');
    experiments = files.map((json) => {
      try {
        return assertExperiment(json);
      } catch (e) {
        if (e instanceof ExperimentError) throw new ExperimentError(e.issues.map((i) => ({ ...i, path: `${where(json)}${i.path}` })));
        throw e;
      }
    });
  } catch (e) {
    const lines = e instanceof ExperimentError ? e.issues.map((i) => `${i.path}: ${i.message}`) : [(e as Error).message];
    showError('This configuration makes an invalid experiment; nothing was run', lines);
    return;
  }
  const experiment = experiments[0];
  let gpu: EngineDevice | undefined;
  try {
    gpuPromise ??= requestBrowserDevice();
    gpu = await gpuPromise;
    $('#device').textContent = adapterLabel(gpu.adapter) + (gpu.adapter.software ? ' — a software adapter' : '');
    const t0 = performance.now();
    const running = mounted!.run({ gpu, experiment, experiments, config, signal: ours.signal, status, presentation });
    // A device lost while presenting may leave the run waiting forever: the loss itself ends it.
    const out = presentation === 'canvas' ? await Promise.race([running, rejectOnLoss(gpu.device)]) : await running;
    if (ours.signal.aborted) return;
    const results = Array.isArray(out) ? out : [out];
    const numbers = page.numbers(results[0], config, results);
    state.numbers = numbers;
    renderNumbers($('#numbers'), numbers);
    // Several files derive their seeds from the page's (see the page definition).
    const files = experiments.length > 1 ? ` · ${experiments.length} experiment files` : '';
    const seed = experiments.length > 1 ? config.seed : experiment.seed;
    status(`done in ${((performance.now() - t0) / 1000).toFixed(1)} s · ${experiment.trajectories.toLocaleString('en-US')} trajectories per run${files} · seed "${seed}"`);
    setState('done');
  } catch (e) {
    if (ours.signal.aborted) return;
    const failure = presentation === 'canvas' && gpu ? await presentationFailure(gpu) : undefined;
    if (failure !== undefined) {
      // The device died while presenting: a fresh device, and particles copied instead.
      presentation = 'copy';
      state.presentation = presentation;
      state.presentationFallback = failure;
      gpuPromise = deviceAfterLoss(requestBrowserDevice);
      const note = $('#note');
      note.textContent = PRESENTATION_NOTE;
      note.title = failure;
      note.hidden = false;
      return runConfiguration(page, config, ours);
    }
    const error = e as Error;
    const lines = error.message.split('\n');
    const hint = lines.find((l) => l.startsWith('hint: '))?.slice(6);
    showError(error.name === 'NoAdapterError' ? 'WebGPU is not available' : 'The run failed', lines.filter((l) => !l.startsWith('hint: ')), hint);
  }
}

start().catch((e: Error) => showError('The demo failed to start', [e.message]));

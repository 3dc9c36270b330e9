/**
 * The sidebar: one slider per parameter (log-scale where the parameter spans
 * decades), the seed, and a share link. Moving a slider re-runs at once
 * (debounced while dragging).
 */
import type { NumberParam, PageConfig, PageDefinition } from './page-definition';
import { formatValue } from './format';

const DRAG_DEBOUNCE_MS = 200;

export function renderControls(root: HTMLElement, page: PageDefinition, config: PageConfig, onChange: (config: PageConfig) => void): void {
  // The sidebar is rebuilt for every configuration: the control that had the focus keeps it
  // (a keyboard user steps a slider with the arrow keys, one re-run per step).
  const focused = root.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.key : undefined;
  root.replaceChildren();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = (next: PageConfig, now: boolean) => {
    clearTimeout(timer);
    if (now) onChange(next);
    else timer = setTimeout(() => onChange(next), DRAG_DEBOUNCE_MS);
  };
  for (const p of page.params) root.append(p.choices ? menu(p, p.choices, config, changed) : p.toggle ? toggle(p, config, changed) : slider(p, config, changed));
  const seed = document.createElement('label');
  seed.className = 'control';
  seed.innerHTML = '<span class="name">seed</span>';
  const input = document.createElement('input');
  input.type = 'text';
  input.value = config.seed;
  input.maxLength = 64;
  input.dataset.key = 'seed';
  input.addEventListener('change', () => input.value.trim() !== '' && changed({ ...config, seed: input.value.trim() } as PageConfig, true));
  seed.append(input);
  root.append(seed);
  if (focused) root.querySelector<HTMLElement>(`[data-key="${focused}"]`)?.focus();
}

/** An on/off parameter (0 or 1) as a checkbox. */
function toggle(p: NumberParam, config: PageConfig, changed: (c: PageConfig, now: boolean) => void): HTMLElement {
  const label = document.createElement('label');
  label.className = 'control toggle';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.dataset.key = p.key;
  input.checked = config[p.key] === 1;
  input.addEventListener('change', () => changed({ ...config, [p.key]: input.checked ? 1 : 0 }, true));
  label.append(input, ` ${p.label}`);
  if (p.help) {
    const help = document.createElement('small');
    help.textContent = p.help;
    label.append(help);
  }
  return label;
}

function slider(p: NumberParam, config: PageConfig, changed: (c: PageConfig, now: boolean) => void): HTMLElement {
  const log = p.scale === 'log';
  const toSlider = (v: number) => (log ? Math.log10(v) : v);
  const fromSlider = (u: number) => {
    const v = log ? 10 ** u : u;
    return p.integer ? Math.round(v) : Number(v.toPrecision(4));
  };
  const label = document.createElement('label');
  label.className = 'control';
  label.title = p.help ?? '';
  const head = document.createElement('span');
  head.className = 'name';
  const value = document.createElement('output');
  const show = (v: number) => (value.textContent = `${formatValue(v)}${p.unit ? ` ${p.unit}` : ''}`);
  head.append(p.label, value);
  const input = document.createElement('input');
  input.type = 'range';
  input.dataset.key = p.key;
  input.min = String(toSlider(p.min));
  input.max = String(toSlider(p.max));
  input.step = String(log ? 1 / 24 : p.step ?? (p.max - p.min) / 100);
  input.value = String(toSlider(config[p.key]));
  show(config[p.key]);
  const read = () => Math.min(p.max, Math.max(p.min, fromSlider(Number(input.value))));
  input.addEventListener('input', () => {
    show(read());
    changed({ ...config, [p.key]: read() }, false);
  });
  input.addEventListener('change', () => changed({ ...config, [p.key]: read() }, true));
  label.append(head, input);
  if (p.help) {
    const help = document.createElement('small');
    help.textContent = p.help;
    label.append(help);
  }
  return label;
}

/** A parameter that picks one of named options (its value is the option's index). */
function menu(p: NumberParam, choices: string[], config: PageConfig, changed: (c: PageConfig, now: boolean) => void): HTMLElement {
  const label = document.createElement('label');
  label.className = 'control';
  const head = document.createElement('span');
  head.className = 'name';
  head.append(p.label);
  const select = document.createElement('select');
  select.dataset.key = p.key;
  choices.forEach((c, i) => select.append(new Option(c, String(i), false, i === config[p.key])));
  select.addEventListener('change', () => changed({ ...config, [p.key]: Number(select.value) }, true));
  label.append(head, select);
  if (p.help) {
    const help = document.createElement('small');
    help.textContent = p.help;
    label.append(help);
  }
  return label;
}

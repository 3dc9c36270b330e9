/**
 * The numbers a page reports, as a table. Each value cell carries its full
 * precision in data-value (and its key in data-key), which is what the browser
 * tests compare with Node's run of the same experiment and seed.
 */
import type { ShownNumber } from './page-definition';
import { formatEstimate, formatInterval } from './format';

export function renderNumbers(root: HTMLElement, numbers: ShownNumber[]): void {
  const table = document.createElement('table');
  table.className = 'numbers';
  for (const n of numbers) {
    const row = table.insertRow();
    row.insertCell().textContent = n.label;
    const cell = row.insertCell();
    cell.dataset.key = n.key;
    cell.dataset.value = String(n.value);
    const u = n.uncertainty;
    cell.textContent = 'interval' in u ? formatInterval(n.value, ...u.interval) : formatEstimate(n.value, u.standardError);
  }
  const key = document.createElement('p');
  key.className = 'hint';
  key.textContent = '± one standard error; [ ] a 95% interval (Wilson’s for fractions).';
  root.replaceChildren(table, key);
}

/** Pixels of a page as a person sees them: the share of an element's screenshot that carries ink. */
import type { Page } from 'puppeteer-core';

/**
 * Fraction of each matching element's screenshot pixels that carry ink (not near-white), or with
 * `coloured` only saturated ones (the data series' palette, not the axes' greys); the PNG is decoded by the browser.
 */
export async function inkFraction(page: Page, selector: string, coloured = false): Promise<number[]> {
  const elements = await page.$$(selector);
  const out: number[] = [];
  for (const e of elements) {
    const png = (await e.screenshot({ encoding: 'base64' })) as string;
    out.push(
      await page.evaluate(async (b64, coloured) => {
        const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const canvas = new OffscreenCanvas(image.width, image.height);
        const g = canvas.getContext('2d')!;
        g.drawImage(image, 0, 0);
        const d = g.getImageData(0, 0, image.width, image.height).data;
        let ink = 0;
        for (let i = 0; i < d.length; i += 4) {
          const lo = Math.min(d[i], d[i + 1], d[i + 2]);
          const hi = Math.max(d[i], d[i + 1], d[i + 2]);
          if (d[i + 3] > 0 && (coloured ? hi - lo > 80 : lo < 200)) ink++;
        }
        return ink / (d.length / 4);
      }, png, coloured),
    );
  }
  return out;
}

/** Waits until the demo page (or an example page) says it is done or failed. */
export async function settled(page: Page, timeout = 180_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'done' || document.body.dataset.state === 'error', { timeout });
}

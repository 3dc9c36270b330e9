// Renders a Vega-Lite figure to a standalone SVG document, headlessly: Vega's
// SVG renderer needs no browser and no canvas (text widths are estimated).
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The SVG text of a Vega-Lite spec, with a white background and a trailing newline. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile({ background: 'white', ...spec } as TopLevelSpec).spec), { renderer: 'none' });
  try {
    return `${await view.toSVG()}\n`;
  } finally {
    view.finalize();
  }
}

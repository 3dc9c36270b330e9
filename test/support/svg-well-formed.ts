/**
 * A check that an SVG document is well formed enough to be a figure: one <svg>
 * root with a width and height, every element closed in order, and the text of
 * its <text> elements, one entry per line (entities decoded), for assertions on
 * titles and labels.
 */
export function svgTexts(svg: string): string[] {
  const root = /^<svg\b[^>]*\bwidth="(\d+(?:\.\d+)?)"[^>]*\bheight="(\d+(?:\.\d+)?)"/.exec(svg.trimStart());
  if (!root) throw new Error(`not an SVG document with a width and height: ${svg.slice(0, 80)}`);
  const open: string[] = [];
  for (const tag of svg.matchAll(/<(\/?)([A-Za-z][\w:-]*)\b[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = tag;
    if (selfClosing) continue;
    if (!closing) open.push(name);
    else if (open.pop() !== name) throw new Error(`</${name}> at offset ${tag.index} closes the wrong element`);
  }
  if (open.length > 0) throw new Error(`unclosed elements: ${open.join(', ')}`);
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  // A text of several lines (<tspan>s) gives one entry per line.
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].flatMap((m) => {
    const lines = [...m[1].matchAll(/<tspan\b[^>]*>([\s\S]*?)<\/tspan>/g)].map((t) => t[1]);
    return (lines.length > 0 ? lines : [m[1]]).map((line) => decode(line.replace(/<[^>]+>/g, '')));
  });
}

/** The relative link targets of a Markdown page (code blocks, web links and pure anchors left out; `#anchor` cut off). */
export function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const targets: string[] = [];
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1].split('#')[0];
    if (target === '' || /^[a-z]+:/i.test(target)) continue;
    targets.push(decodeURIComponent(target));
  }
  return targets;
}

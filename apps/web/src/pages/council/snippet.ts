/**
 * A search snippet as the API sends it: HTML-escaped text whose only markup
 * is <mark>…</mark> around the matches. Parsed into plain text runs, each
 * marked or not; anything else that looks like markup stays literal text, so
 * rendering the runs as React text can never inject an element or attribute.
 */
export interface SnippetRun {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };

const decode = (s: string) => s.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, (e) => ENTITIES[e]);

export function parseSnippet(html: string): SnippetRun[] {
  const runs: SnippetRun[] = [];
  let mark = false;
  for (const part of html.split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') mark = true;
    else if (part === '</mark>') mark = false;
    else if (part) {
      const text = decode(part);
      const last = runs[runs.length - 1];
      if (last && last.mark === mark) last.text += text;
      else runs.push({ text, mark });
    }
  }
  return runs;
}

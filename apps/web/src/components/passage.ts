/**
 * Offsets picked in a text field, mapped back onto the text it shows. A text
 * field gives its value with every line break as "\n", so a text stored with
 * "\r\n" (or a lone "\r") is counted differently there: each such break is
 * one character in the field and one or two in the text. Null when nothing
 * (or only white space) is picked.
 */
export function fieldSpan(text: string, fieldStart: number, fieldEnd: number): { start: number; end: number } | null {
  const [from, to] = fieldStart <= fieldEnd ? [fieldStart, fieldEnd] : [fieldEnd, fieldStart];
  const toText = (n: number) => {
    let i = 0;
    for (let k = 0; k < n && i < text.length; k++) i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    return i;
  };
  const start = toText(from);
  const end = toText(to);
  if (!text.slice(start, end).trim()) return null;
  return { start, end };
}

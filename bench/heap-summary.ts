/**
 * Where a process's memory goes, from a V8 heap snapshot (.heapsnapshot):
 * the self size of its objects summed by kind and constructor, largest
 * first. The file is read as a stream (a server holding thousands of
 * sockets writes one larger than a JavaScript string may be): the header,
 * the `nodes` numbers and the `strings` table are all it needs.
 *
 * Used by bench:live (BENCH_LIVE_HEAP=dir) and on its own:
 *   npx ts-node bench/heap-summary.ts file.heapsnapshot [connections]
 */
import { createReadStream } from 'node:fs';

export interface HeapRow {
  /** V8's node kind and the constructor or closure name, e.g. "object Socket", "closure bound next". */
  what: string;
  count: number;
  bytes: number;
}

export interface HeapSummary {
  totalBytes: number;
  nodes: number;
  rows: HeapRow[];
}

type Phase = 'header' | 'nodes' | 'seek-strings' | 'strings' | 'done';

/** Reads a .heapsnapshot and sums self sizes by (kind, name). */
export async function summarizeHeap(file: string): Promise<HeapSummary> {
  let phase: Phase = 'header';
  let buf = '';
  let fields: string[] = [];
  let kinds: string[] = [];
  let nodeValues = new Float64Array(0);
  let at = 0;
  let number = '';
  const strings: string[] = [];

  const onNodesText = (text: string): boolean => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        number += text[i];
      } else {
        if (number) {
          nodeValues[at++] = Number(number);
          number = '';
        }
        if (c === 93 /* ] */) {
          buf = text.slice(i + 1);
          return true;
        }
      }
    }
    return false;
  };

  /** Takes whole JSON strings off the front of buf; true once the table's `]` is reached. */
  const onStrings = (): boolean => {
    let i = 0;
    for (;;) {
      while (i < buf.length && (buf[i] === ',' || buf[i] === '\n' || buf[i] === ' ' || buf[i] === '\r')) i++;
      if (i >= buf.length) {
        buf = '';
        return false;
      }
      if (buf[i] === ']') return true;
      if (buf[i] !== '"') throw new Error(`heap snapshot: unexpected ${JSON.stringify(buf.slice(i, i + 20))} in strings`);
      let j = i + 1;
      while (j < buf.length && buf[j] !== '"') j += buf[j] === '\\' ? 2 : 1;
      if (j >= buf.length) {
        buf = buf.slice(i);
        return false;
      }
      strings.push(JSON.parse(buf.slice(i, j + 1)) as string);
      i = j + 1;
    }
  };

  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<string>) {
    if (phase === 'done') break;
    buf += chunk;
    if (phase === 'header') {
      const k = buf.indexOf('"nodes":[');
      if (k < 0) continue;
      const header = JSON.parse(`${buf.slice(0, k).replace(/,\s*$/, '')}}`) as {
        snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] }; node_count: number };
      };
      fields = header.snapshot.meta.node_fields;
      kinds = header.snapshot.meta.node_types[0];
      nodeValues = new Float64Array(header.snapshot.node_count * fields.length);
      const rest = buf.slice(k + '"nodes":['.length);
      buf = '';
      phase = 'nodes';
      if (onNodesText(rest)) phase = 'seek-strings';
      else continue;
    } else if (phase === 'nodes') {
      const text = buf;
      buf = '';
      if (!onNodesText(text)) continue;
      phase = 'seek-strings';
    }
    if (phase === 'seek-strings') {
      const k = buf.indexOf('"strings":[');
      if (k < 0) {
        // keep enough of the tail for the marker to span two chunks
        buf = buf.slice(-16);
        continue;
      }
      buf = buf.slice(k + '"strings":['.length);
      phase = 'strings';
    }
    if (phase === 'strings' && onStrings()) phase = 'done';
  }
  stream.destroy();
  if (phase !== 'done') throw new Error(`heap snapshot ${file} ended early (${phase})`);

  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const byWhat = new Map<string, HeapRow>();
  let totalBytes = 0;
  for (let n = 0; n < at; n += width) {
    const kind = kinds[nodeValues[n + typeAt]] ?? '?';
    const raw = kind === 'number' || kind === 'string' || kind === 'concatenated string' || kind === 'sliced string' ? '' : (strings[nodeValues[n + nameAt]] ?? '?');
    // Arrays and code are named by their contents or source: one row per kind is what tells.
    const name = kind === 'code' || kind === 'hidden' || kind === 'array' ? raw.replace(/\s*\(.*$/, '').slice(0, 40) : raw.slice(0, 60);
    const what = name ? `${kind} ${name}` : kind;
    const size = nodeValues[n + sizeAt];
    totalBytes += size;
    const row = byWhat.get(what);
    if (row) {
      row.count += 1;
      row.bytes += size;
    } else {
      byWhat.set(what, { what, count: 1, bytes: size });
    }
  }
  return { totalBytes, nodes: at / width, rows: [...byWhat.values()].sort((a, b) => b.bytes - a.bytes) };
}

/** The largest rows as lines, with bytes per connection when the count of connections is given. */
export function heapLines(s: HeapSummary, top: number, connections?: number): string[] {
  const per = (b: number) => (connections ? ` ${(b / connections).toFixed(0).padStart(7)} B/conn` : '');
  return [
    `heap ${(s.totalBytes / 1024 ** 2).toFixed(1)} MB in ${s.nodes} objects${connections ? `, ${(s.totalBytes / connections).toFixed(0)} B per connection` : ''}`,
    ...s.rows.slice(0, top).map((r) => `${(r.bytes / 1024 ** 2).toFixed(2).padStart(8)} MB ${String(r.count).padStart(9)}×${per(r.bytes)}  ${r.what}`),
  ];
}

if (require.main === module) {
  const [file, connections] = process.argv.slice(2);
  if (!file) {
    console.error('usage: ts-node bench/heap-summary.ts file.heapsnapshot [connections]');
    process.exit(2);
  }
  summarizeHeap(file).then(
    (s) => console.log(heapLines(s, 30, connections ? Number(connections) : undefined).join('\n')),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}

// Real instances for witnesses: every object inside the fixture corpus and the golden journals
// (`fixtures/**/*.json` and `*.jsonl`). A witness from real data beats a generated one.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { escapePointer, isObject } from './refs.js';

export interface CorpusInstance {
  readonly source: string;
  readonly value: unknown;
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (name.endsWith('.json') || name.endsWith('.jsonl')) out.push(p);
  }
  return out;
}

function* walk(value: unknown, pointer: string): Generator<[string, unknown]> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], `${pointer}/${i}`);
    return;
  }
  if (!isObject(value)) return;
  yield [pointer, value];
  for (const [k, v] of Object.entries(value)) yield* walk(v, `${pointer}/${escapePointer(k)}`);
}

/** Every object of the corpus under `root/fixtures`, lazily, with `fixture:<path>#<pointer>`. */
export function* corpusInstances(root: string): Generator<CorpusInstance> {
  for (const file of files(join(root, 'fixtures'))) {
    const rel = relative(root, file);
    const text = readFileSync(file, 'utf8');
    const docs = file.endsWith('.jsonl') ? text.split('\n').filter((l) => l.trim() !== '') : [text];
    for (let d = 0; d < docs.length; d++) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(docs[d]!);
      } catch {
        continue;
      }
      const prefix = file.endsWith('.jsonl') ? `${rel}:${d + 1}` : rel;
      for (const [pointer, value] of walk(parsed, '')) yield { source: `fixture:${prefix}#${pointer}`, value };
    }
  }
}

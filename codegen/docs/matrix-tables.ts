// The transition matrices (schemas/data/*.matrix.json) as markdown tables: a from x to grid whose
// cells name the triggers, then every cell with its description, for the generated reference.
import { FilePrinter, type GeneratedFile } from '../emit/generated-file.js';
import { preamble } from '../emit/preamble.js';
import { DATA_SOURCES, type MatrixData, type SchemaSet } from '../schema-set.js';

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function printMatrix(p: FilePrinter, matrix: MatrixData, source: string): void {
  p.print(`## ${matrix.machine} (\`${source}\`, version ${matrix.matrix_version})`);
  p.blank();
  p.print(`Initial state \`${matrix.initial}\`; terminal: ${matrix.terminal.length > 0 ? matrix.terminal.map((s) => `\`${s}\``).join(', ') : 'none'}. A row is the state before, a column the state after; a cell names the triggers of that transition, an empty cell means none is legal.`);
  p.blank();
  p.print(`| from \\ to | ${matrix.states.map((s) => `\`${s}\``).join(' | ')} |`);
  p.print(`| --- | ${matrix.states.map(() => '---').join(' | ')} |`);
  for (const from of matrix.states) {
    const row = matrix.states.map((to) => matrix.cells.filter((c) => c.from === from && c.to === to).map((c) => c.trigger).join(', '));
    p.print(`| \`${from}\` | ${row.join(' | ')} |`);
  }
  p.blank();
  p.print('| From | Trigger | To | Why |');
  p.print('| --- | --- | --- | --- |');
  for (const c of matrix.cells) p.print(`| \`${c.from}\` | \`${c.trigger}\` | \`${c.to}\` | ${escapeCell(String((c as { description?: unknown }).description ?? ''))} |`);
  p.blank();
}

export const MATRICES_DOC = 'generated/docs/matrices.md';

export function generateMatrixTables(set: SchemaSet): GeneratedFile {
  const p = new FilePrinter();
  p.print('# Transition matrices');
  p.blank();
  p.print('The legal transitions of both state machines, generated from the data tables both kernels are generated from.');
  p.blank();
  printMatrix(p, set.slotMatrix, DATA_SOURCES.slotMatrix);
  printMatrix(p, set.orderMatrix, DATA_SOURCES.orderMatrix);
  return p.toFile(MATRICES_DOC, preamble('markdown', [DATA_SOURCES.slotMatrix, DATA_SOURCES.orderMatrix]));
}

/**
 * Mutants of the TypeScript kernel (`src/kernel/`), made with the TypeScript compiler's own
 * parser: each comparison, arithmetic and logical operator swapped for its near miss (`>=` for
 * `>`, `+` for `-`, `&&` for `||`, ...), each boolean literal flipped and each `!` dropped.
 * These are the operator mutations Stryker makes; no string or type position is touched.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { withOrdinals, type Mutant } from './mutant.js';

/** Each operator and what it becomes. */
export const OPERATOR_SWAPS: Readonly<Record<string, readonly string[]>> = {
  '>=': ['>'],
  '>': ['>='],
  '<=': ['<'],
  '<': ['<='],
  '===': ['!=='],
  '!==': ['==='],
  '+': ['-'],
  '-': ['+'],
  '*': ['/'],
  '/': ['*'],
  '&&': ['||'],
  '||': ['&&'],
};

/**
 * Files not mutated: types and exports hold nothing to mutate, and `invariants.ts` is the
 * property checker (run by the fuzzer and the debug switch), an oracle rather than kernel
 * behaviour: on a correct kernel it never fires, so no answer can show its mutants. Its own
 * tests plant the faults it exists to find.
 */
const skipped_files = new Set(['index.ts', 'types.ts', 'invariants.ts']);

const isStringLike = (n: ts.Node): boolean =>
  ts.isStringLiteral(n) || ts.isTemplateExpression(n) || ts.isNoSubstitutionTemplateLiteral(n);

function enclosingFunction(node: ts.Node): string {
  let variable: string | undefined;
  for (let n: ts.Node | undefined = node; n !== undefined; n = n.parent) {
    if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) && n.name !== undefined) return n.name.getText();
    if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return n.parent.name.text;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name)) variable = n.name.text;
  }
  return variable ?? '(top level)';
}

/** Every mutant of one file's source text. */
export function tsMutantsOf(file: string, text: string): Mutant[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Omit<Mutant, 'ordinal'>[] = [];
  const add = (node: ts.Node, start: number, end: number, replacement: string): void => {
    const { line, character } = source.getLineAndCharacterOfPosition(start);
    const original = text.slice(start, end);
    const scope = enclosingFunction(node);
    out.push({ kernel: 'ts', file, line: line + 1, column: character + 1, start, end, original, replacement, scope, description: `${scope}: ${original} -> ${replacement || '(removed)'}` });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken;
      const swaps = OPERATOR_SWAPS[op.getText()];
      const stringy = op.kind === ts.SyntaxKind.PlusToken && (isStringLike(node.left) || isStringLike(node.right));
      if (swaps !== undefined && !stringy) for (const r of swaps) add(node, op.getStart(), op.getEnd(), r);
    } else if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      add(node, node.getStart(), node.getEnd(), node.kind === ts.SyntaxKind.TrueKeyword ? 'false' : 'true');
    } else if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      add(node, node.getStart(), node.getStart() + 1, '');
    }
    if (!ts.isTypeNode(node)) ts.forEachChild(node, visit);
  };
  visit(source);
  return withOrdinals(out);
}

/** Every mutant of the TypeScript kernel, file by file in name order. */
export function listTsMutants(repoRoot: string, folder = 'src/kernel'): Mutant[] {
  const files = readdirSync(join(repoRoot, folder)).filter((f) => f.endsWith('.ts') && !skipped_files.has(f)).sort();
  return files.flatMap((f) => tsMutantsOf(`${folder}/${f}`, readFileSync(join(repoRoot, folder, f), 'utf8')));
}

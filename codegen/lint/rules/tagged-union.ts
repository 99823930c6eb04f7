import { resolveRef } from '../../model/resolve.js';
import { taggedUnionsOf } from '../../model/tagged-unions.js';
import { reporter, type LintRule, type LintViolation } from '../rule.js';

/**
 * Unions are `oneOf` of `$ref`s to titled objects, each requiring the same `const` string
 * tag with a distinct value: the one shape json-schema-to-typescript, ajv's discriminator
 * and serde all read as a tagged union.
 */
export const taggedUnion: LintRule = {
  name: 'tagged-union',
  description: 'oneOf lists $refs to titled objects that require one shared const string tag, distinct per branch',
  check(file, set) {
    const report = reporter(this.name, file);
    const found: LintViolation[] = [];
    for (const union of taggedUnionsOf(set, file)) {
      const before = found.length;
      union.branches.forEach((branch, index) => {
        const at = `${union.pointer}/oneOf/${index}`;
        const written = resolveBranch(file, union.pointer, index);
        if (branch.ref === '' || Object.keys(written).length !== 1) {
          found.push(report(at, 'a oneOf branch must be exactly {"$ref": ...}'));
          return;
        }
        const target = resolveRef(set, file, branch.ref);
        if (target === undefined) {
          found.push(report(at, `$ref "${branch.ref}" does not resolve`));
        } else if (typeof target.schema.title !== 'string' || target.schema.type !== 'object') {
          found.push(report(at, `$ref "${branch.ref}" must name a titled object schema`));
        }
      });
      if (found.length > before) continue;
      if (union.tag === undefined) {
        found.push(report(`${union.pointer}/oneOf`, 'the branches share no required const string tag property'));
        continue;
      }
      const seen = new Map<string, number>();
      union.branches.forEach((branch, index) => {
        const previous = seen.get(String(branch.tagValue));
        if (previous !== undefined) {
          found.push(
            report(`${union.pointer}/oneOf/${index}`, `tag ${union.tag} = "${branch.tagValue}" repeats branch ${previous}`),
          );
        }
        seen.set(String(branch.tagValue), index);
      });
    }
    return found;
  },
};

function resolveBranch(file: { schema: any }, pointer: string, index: number): Record<string, unknown> {
  let node = file.schema;
  for (const token of pointer.split('/').slice(1)) node = node?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  const branch = node?.oneOf?.[index];
  return typeof branch === 'object' && branch !== null ? branch : {};
}

import { escapePointerToken, walkSchema } from '../../model/walk.js';
import { reporter, type LintRule } from '../rule.js';

/** Every `$defs` entry has a title: it becomes a type name in TS, Rust and the docs. */
export const titledDefs: LintRule = {
  name: 'titled-defs',
  description: 'every $defs entry has a title',
  check(file) {
    const report = reporter(this.name, file);
    return walkSchema(file.schema).flatMap((node) =>
      Object.entries<{ title?: unknown }>(node.schema.$defs ?? {})
        .filter(([, def]) => typeof def?.title !== 'string' || def.title === '')
        .map(([name]) => report(`${node.pointer}/$defs/${escapePointerToken(name)}`, `$defs entry "${name}" needs a title`)),
    );
  },
};

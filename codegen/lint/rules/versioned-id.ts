import { reporter, type LintRule } from '../rule.js';

export const ID_BASE = 'https://lockstep.dev/schemas/v1/';

/** Every schema file has the versioned `$id` named after the file. */
export const versionedId: LintRule = {
  name: 'versioned-id',
  description: `$id is ${ID_BASE}<name>.schema.json`,
  check(file) {
    const expected = `${ID_BASE}${file.fileName}`;
    const report = reporter(this.name, file);
    return file.schema.$id === expected
      ? []
      : [report('/$id', `$id must be "${expected}", found ${JSON.stringify(file.schema.$id)}`)];
  },
};

import { describe, expect, it } from 'vitest';
import { renderResults, type CheckResult } from '../../src/report-formats/index.js';
import { xmlText } from '../../src/report-formats/junit.js';

const results: CheckResult[] = [
  { suite: 'rust', name: 'a-ok', ok: true, timeMs: 5 },
  { suite: 'rust', name: 'b <bad> & "worse"', ok: false, message: 'diverged at step 2, path /x', detail: 'expected: 1\nactual: 2', file: 'fixtures/corpus/b.json', line: 3 },
];

describe('report formats', () => {
  it('junit: one testsuite per suite, failures with message and escaped text', () => {
    const xml = renderResults('junit', 'lockstep parity', results);
    expect(xml).toContain('<testsuites name="lockstep parity" tests="2" failures="1">');
    expect(xml).toContain('<testcase classname="lockstep parity.rust" name="b &lt;bad&gt; &amp; &quot;worse&quot;"');
    expect(xml).toContain('<failure message="diverged at step 2, path /x">expected: 1\nactual: 2</failure>');
    expect(xmlText('a\u0000b')).toBe('a\uFFFDb');
  });

  it('github: an ::error annotation per failure on its file and line, escaped, then a count', () => {
    const text = renderResults('github', 'lockstep parity', results);
    expect(text.split('\n')[0]).toBe('::error file=fixtures/corpus/b.json,line=3,title=lockstep parity rust%3A b <bad> & "worse"::diverged at step 2%2C path /x%0Aexpected: 1%0Aactual: 2'.replace('step 2%2C', 'step 2,'));
    expect(text.split('\n').at(-1)).toBe('lockstep parity: 1 passed, 1 failed');
  });

  it('jsonl: one line per check and a summary', () => {
    const lines = renderResults('jsonl', 'lockstep parity', results).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ type: 'check', suite: 'rust', ok: false, file: 'fixtures/corpus/b.json', line: 3 });
    expect(lines[2]).toEqual({ type: 'summary', tool: 'lockstep parity', checks: 2, passed: 1, failed: 1 });
  });
});

/**
 * Invalid scenarios: a realistic session with broken lines slipped in (raw steps, each with a
 * note saying what is wrong). Every raw line is checked not to be a valid request, so the
 * session around it must go on exactly as if the line were not there, apart from the
 * error response it gets.
 */
import fc from 'fast-check';
import type { FixtureStep, ProtocolRequest } from '../../generated/ts/types.js';
import { isValidRequestLine } from '../protocol/valid-request-line.js';
import { kernelConfigArbitrary, type KernelConfigConstraints } from './kernel-config-arbitrary.js';
import { lineMutations, mutateLine, type LineMutation } from './line-mutation.js';
import { tsReferenceKernel, type ReferenceKernelFactory } from './reference-kernel.js';
import type { Scenario } from './scenario.js';
import { ScenarioBuilder } from './scenario-builder.js';
import { applyStrategyCommand, strategyCommandArbitrary } from './strategy-command.js';

export interface InvalidScenarioConstraints {
  minCommands?: number;
  maxCommands?: number;
  /** Broken lines per scenario (default 1..6). */
  maxBroken?: number;
  config?: KernelConfigConstraints;
  kernel?: ReferenceKernelFactory;
}

interface Breakage {
  readonly at: number;
  readonly mutation: LineMutation;
  readonly pick: number;
}


export function invalidScenarioArbitrary(constraints: InvalidScenarioConstraints = {}): fc.Arbitrary<Scenario> {
  const kernel = constraints.kernel ?? tsReferenceKernel;
  const breakage = fc.record({ at: fc.nat({ max: 200 }), mutation: fc.constantFrom(...lineMutations), pick: fc.nat({ max: 1000 }) });
  return fc
    .record({
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      config: kernelConfigArbitrary(constraints.config),
      commands: fc.array(strategyCommandArbitrary(), { minLength: constraints.minCommands ?? 0, maxLength: constraints.maxCommands ?? 30, size: 'max' }),
      broken: fc.array(breakage, { minLength: 1, maxLength: constraints.maxBroken ?? 6 }),
    })
    .map(({ seed, config, commands, broken }) => {
      const b = new ScenarioBuilder(config, seed, kernel);
      for (const cmd of commands) applyStrategyCommand(b, cmd);
      b.snapshot();
      return { level: 'invalid' as const, config, steps: insertBroken(b.steps, broken) };
    });
}

function insertBroken(steps: readonly FixtureStep[], broken: readonly Breakage[]): FixtureStep[] {
  const out = steps.slice();
  // Insert from the back so earlier positions stay meaningful.
  const sorted = broken.map((br) => ({ ...br, at: br.at % (steps.length + 1) })).sort((x, y) => y.at - x.at);
  for (const br of sorted) {
    const template = templateNear(steps, br.at);
    const line = mutateLine(template, br.mutation, br.pick);
    if (line === undefined || isValidRequestLine(line.bytes)) continue;
    out.splice(br.at, 0, { kind: 'raw', base64: Buffer.from(line.bytes).toString('base64'), note: `${br.mutation}: ${line.note}` });
  }
  return out;
}

/** The request at or after `at` (its seq is the next one the session expects), or a snapshot request. */
function templateNear(steps: readonly FixtureStep[], at: number): ProtocolRequest {
  for (let i = at; i < steps.length; i++) {
    const s = steps[i]!;
    if (s.kind === 'request') return s.request;
  }
  return { op: 'snapshot', seq: 2 };
}

// What every comparison step shares: both resolvers, the contract being walked, where findings
// go, and the pairs already compared (recursive schemas and shared $defs are walked once).
import type { Finding } from './finding.js';
import { locString, type Located, type RefResolver } from './refs.js';

export interface DiffContext {
  readonly oldRefs: RefResolver;
  readonly newRefs: RefResolver;
  readonly contract: string;
  readonly findings: Finding[];
  readonly seen: Set<string>;
}

export function newDiffContext(oldRefs: RefResolver, newRefs: RefResolver, contract: string): DiffContext {
  return { oldRefs, newRefs, contract, findings: [], seen: new Set() };
}

/** Records one finding; the message names the contract, both locations and the change. */
export function emit(ctx: DiffContext, rule: string, oldAt: Located | null, newAt: Located | null, instancePath: string, change: string): void {
  const oldPointer = oldAt === null ? null : locString(oldAt);
  const newPointer = newAt === null ? null : locString(newAt);
  const schema = newAt?.file ?? oldAt?.file ?? ctx.contract;
  const where = `old ${oldPointer ?? '(none)'}, new ${newPointer ?? '(none)'}`;
  ctx.findings.push({
    rule,
    schema,
    contract: ctx.contract,
    oldPointer,
    newPointer,
    instancePath,
    message: `${ctx.contract}: ${change} (${where})`,
  });
}

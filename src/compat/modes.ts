// Compatibility modes (as in schema registries): which directions must hold, and against which
// releases (the last one, or every one for the *_TRANSITIVE forms).
import type { Direction } from './rules.js';

export const MODES = ['BACKWARD', 'FORWARD', 'FULL', 'BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'] as const;
export type Mode = (typeof MODES)[number];

export function isMode(value: string): value is Mode {
  return (MODES as readonly string[]).includes(value);
}

export function modeDirections(mode: Mode): Direction[] {
  if (mode.startsWith('BACKWARD')) return ['BACKWARD'];
  if (mode.startsWith('FORWARD')) return ['FORWARD'];
  return ['BACKWARD', 'FORWARD'];
}

export function isTransitive(mode: Mode): boolean {
  return mode.endsWith('_TRANSITIVE');
}

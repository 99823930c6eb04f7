import type { LoadedFixture } from './fixture-file.js';
import type { FixtureFrame, FixturePlacement } from './session-frame.js';

/** A fixture ready to run: the fixture and how it may be placed in a session. */
export interface PlannedFixture {
  readonly loaded: LoadedFixture;
  readonly placement: FixturePlacement;
}

/** Why a fixture could not be answered in full. */
export type FixtureErrorKind = 'crash' | 'hang' | 'unavailable';

/** What one implementation answered to one fixture (configure's response first). */
export type FixtureRun =
  | {
      readonly status: 'answered';
      readonly planned: PlannedFixture;
      readonly frame: FixtureFrame;
      readonly responses: readonly string[];
    }
  | {
      readonly status: 'errored';
      readonly planned: PlannedFixture;
      readonly frame: FixtureFrame;
      /** The responses received before the failure (configure's first). */
      readonly responses: readonly string[];
      readonly kind: FixtureErrorKind;
      readonly message: string;
      readonly stderrTail: string;
    };

/** Everything one implementation did over a run. */
export interface ImplementationRun {
  readonly name: string;
  /** The response to the harness's own hello (first session), when there was one. */
  readonly hello: string | undefined;
  readonly fixtures: readonly FixtureRun[];
  readonly wallMs: number;
  /** Problems of the implementation as a whole (cannot start, bad exit), each a sentence. */
  readonly problems: readonly string[];
  /** Sessions run (1 when every fixture shared one). */
  readonly sessions: number;
  /** Processes started for them (a listening process serves many sessions); absent in process. */
  readonly processes?: number;
}

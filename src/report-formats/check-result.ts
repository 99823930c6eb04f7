// One checked thing (a fixture on one implementation, a fuzz scenario, a validated instance), the
// common shape every machine format renders. Commands map their own results onto it.
export interface CheckResult {
  /** The group: an implementation, a contract, a fuzz level. JUnit's testsuite. */
  readonly suite: string;
  /** What was checked: a fixture name, a file and line. JUnit's testcase. */
  readonly name: string;
  readonly ok: boolean;
  /** One line saying what went wrong (failures only). */
  readonly message?: string;
  /** More lines: expected/actual values, a stderr tail, the re-run command. */
  readonly detail?: string;
  /** The file the failure is about, relative to the working folder, for annotations. */
  readonly file?: string;
  readonly line?: number;
  readonly timeMs?: number;
  /** Extra fields for JSON lines (kept as they are). */
  readonly data?: Readonly<Record<string, unknown>>;
}

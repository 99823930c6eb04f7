/** An input `lockstep report` cannot use: names the file and where in it (line, JSON pointer). */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  constructor(
    readonly file: string,
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${file}${where ? ` ${where}` : ''}: ${reason}`);
  }
}

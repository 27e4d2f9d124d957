// A scenario the explorer cannot run, with the line that says why.
export class ScenarioError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'ScenarioError';
  }
}

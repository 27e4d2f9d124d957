// Input the replay refuses: named precisely, raised before any output is kept.
export class BadInputError extends Error {
  override readonly name = 'BadInputError';
}

/**
 * Why a catalogue could not be read, precise enough to fix the source: the record (national code, portal id
 * or line) and the field. A source that fails this way publishes nothing: the last good catalogue stays live.
 */
export type CatalogueProblem = 'unreachable' | 'timeout' | 'server_error' | 'malformed' | 'missing_code' | 'unknown_unit' | 'unknown_currency' | 'duplicate' | 'incomplete';

export class CatalogueError extends Error {
  constructor(
    readonly problem: CatalogueProblem,
    /** The record: a national code, a portal id, "line 12", or "(list)" for the listing itself. */
    readonly record: string,
    /** The field of the record ("code", "executionMethods.1.processingTimeUnit"), or "(root)". */
    readonly field: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${record}: ${field}: ${message}`, options);
    this.name = 'CatalogueError';
  }
}

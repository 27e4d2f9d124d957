// The codec's one error: an event or header that the schema cannot carry, or a decoded
// message that is not a valid event. It names the seq so a bad record can be found.

export class EventCodecError extends Error {
  constructor(readonly seq: number | null, readonly detail: string) {
    super(seq === null ? detail : `event seq ${seq}: ${detail}`);
    this.name = 'EventCodecError';
  }
}

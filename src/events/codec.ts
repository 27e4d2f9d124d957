// The event codec: Recorded<ZramEvent> ↔ proto Event (pages by key) and LogHeader ↔ proto.
// Pure (STYLE.md §5 rule 1): the log file code in src/log frames and writes what this makes.
export { EventCodecError } from './codec-error';
export { encodeEvent } from './event-encode';
export { decodeEvent, type ResolvePage } from './event-decode';
export { encodeHeader, decodeHeader } from './header-codec';

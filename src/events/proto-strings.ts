// Proto strings are UTF-8: a JS string with a lone surrogate would come back as U+FFFD, a
// silent change. Refuse it at encode time so every string round-trips exactly.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function utf8ToProto(s: string, what: string): string {
  if (typeof s !== 'string') throw new RangeError(`${what}: ${String(s)} is not a string`);
  if (LONE_SURROGATE.test(s)) throw new RangeError(`${what}: contains a lone UTF-16 surrogate (not representable in UTF-8)`);
  return s;
}

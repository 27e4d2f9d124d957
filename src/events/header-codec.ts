// LogHeader ↔ proto LogHeader. Provenance is written in key order so that the same header
// gives the same bytes (STYLE.md §5 rule 7).
import type { zram_ref } from '../../proto/gen/zram';
import { EventCodecError } from './codec-error';
import { u32ToProto } from './proto-ints';
import { utf8ToProto } from './proto-strings';
import type { LogHeader } from './types';

type ProtoHeader = zram_ref.v1.LogHeader.$Properties;

export function encodeHeader(h: LogHeader): ProtoHeader {
  try {
    return {
      formatVersion: u32ToProto(h.formatVersion, 'LogHeader.format_version'),
      pageSize: u32ToProto(h.pageSize, 'LogHeader.page_size'),
      kernelSemantics: utf8ToProto(h.kernelSemantics, 'LogHeader.kernel_semantics'),
      variant: utf8ToProto(h.variant, 'LogHeader.variant'),
      contentSource: utf8ToProto(h.contentSource, 'LogHeader.content_source'),
      provenance: sortedProvenance(h.provenance),
    };
  } catch (e) {
    if (e instanceof RangeError) throw new EventCodecError(null, `LogHeader: ${e.message}`);
    throw e;
  }
}

function sortedProvenance(p: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(p).sort()) {
    // protobufjs decodes map entries by assignment: this key would set the prototype instead.
    if (k === '__proto__') throw new RangeError('LogHeader.provenance: key "__proto__" is not allowed');
    out[utf8ToProto(k, 'LogHeader.provenance key')] = utf8ToProto(p[k]!, `LogHeader.provenance[${k}]`);
  }
  return out;
}

export function decodeHeader(m: ProtoHeader): LogHeader {
  const provenance: Record<string, string> = {};
  const src = m.provenance ?? {};
  for (const k of Object.keys(src).sort()) provenance[k] = String(src[k]);
  return {
    formatVersion: m.formatVersion ?? 0,
    pageSize: m.pageSize ?? 0,
    kernelSemantics: m.kernelSemantics ?? '',
    variant: m.variant ?? '',
    contentSource: m.contentSource ?? '',
    provenance,
  };
}

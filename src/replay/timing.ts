// The timing stream (proto/replay.proto TimingRecord): wall-clock figures of one run, kept
// apart from the deterministic outputs so that goldens and diffs never see them.
import {
  BIO_ID, BIO_SEQ, LINE_END, TokenPart, plainJsonNumber, plainJsonToken, putBytes, putJsonNumber,
} from './outputs';
export interface BioTiming { seq: number; bioId: number; op: string; serviceNs: number }
export interface TimingSummary { implementation: string; wallNs: number; events: number; pages: number; peakRss: number }
export type TimingRecord = { bio: BioTiming } | { summary: TimingSummary };

/** Fields by position: the record is the one object built (one per bio), keys in order. */
export const bioTimingRecord = (seq: number, bioId: number, op: string, serviceNs: number): { bio: BioTiming } =>
  ({ bio: { seq, bioId, op, serviceNs } });

export const summaryRecord = (s: TimingSummary): { summary: TimingSummary } =>
  ({ summary: { implementation: s.implementation, wallNs: s.wallNs, events: s.events, pages: s.pages, peakRss: s.peakRss } });

/** A timing record's JSON line; a bio's is written straight into the file's buffer by
 * bioTimingInto (the same bytes) where it is plain. */
export const formatTiming = (t: TimingRecord): string => JSON.stringify(t) + '\n';

/** The most bytes bioTimingInto may write for `b`: 48 fixed, three numbers of at most 24, the op. */
export const bioTimingMaxBytes = (b: BioTiming): number => 140 + b.op.length;

/** The text around a timing line's op. */
const TIMING_OP = new TokenPart((op) => `,"op":"${op}","serviceNs":`);

/** formatTiming's line of a bio written into buf at `at`; returns the end, or -1 (nothing written)
 * when it needs JSON's escaping. */
export function bioTimingInto(buf: Uint8Array, at: number, b: BioTiming): number {
  if (!plainJsonToken(b.op) || !plainJsonNumber(b.seq) || !plainJsonNumber(b.bioId) || !plainJsonNumber(b.serviceNs)) {
    return -1;
  }
  at = putJsonNumber(buf, putBytes(buf, at, BIO_SEQ), b.seq);
  at = putJsonNumber(buf, putBytes(buf, at, BIO_ID), b.bioId);
  at = putJsonNumber(buf, putBytes(buf, at, TIMING_OP.of(b.op, '')), b.serviceNs);
  return putBytes(buf, at, LINE_END);
}

/** The timing file that goes with an outputs file. */
export const timingPathFor = (outputsPath: string): string => `${outputsPath}.timing.jsonl`;

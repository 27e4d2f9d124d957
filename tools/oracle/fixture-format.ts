// The stored form of test/fixtures/page-sizes/fixture.json.gz.
import { PageSource } from './corpus';

export type MeasuredSize = number | 'huge';

/** One measured configuration: a comp_algorithm plus optional algorithm_params. */
export interface OracleAlgorithm {
  readonly key: string;
  readonly compAlgorithm: string;
  readonly algorithmParams?: string;
}

export const ORACLE_ALGORITHMS: readonly OracleAlgorithm[] = [
  { key: 'lz4', compAlgorithm: 'lz4' },
  { key: 'lz4-level8', compAlgorithm: 'lz4', algorithmParams: 'level=8' },
  { key: 'lzo', compAlgorithm: 'lzo' },
  { key: 'lzo-rle', compAlgorithm: 'lzo-rle' },
];

export interface PageSizeFixture {
  readonly format: 1;
  readonly description: string;
  readonly kernel: string;
  readonly generatorVersion: number;
  readonly seed: number;
  readonly mix: string;
  readonly files: Record<string, { package: string; version: string; bytes: number }>;
  readonly algorithms: readonly OracleAlgorithm[];
  readonly pages: readonly (PageSource & { sha1: string })[];
  /** Per algorithm key, per page: the kernel's comp_len, or 'huge' (stored raw, comp_len >= 3625). */
  readonly sizes: Record<string, MeasuredSize[]>;
}

export const FIXTURE_PATH = 'test/fixtures/page-sizes/fixture.json.gz';

// The shipped scenario files, read for the tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseScenario } from '../../src/explore';
import type { Scenario } from '../../src/explore/scenario';

export const SCENARIO_DIR = path.join(__dirname, '..', '..', 'scenarios');
export const shipped = (): string[] => fs.readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.scn')).sort();
export const load = (name: string): Scenario => parseScenario(fs.readFileSync(path.join(SCENARIO_DIR, name), 'utf8'), name);

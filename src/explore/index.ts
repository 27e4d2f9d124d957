// The interleaving explorer: scenario files → every interleaving under one or two designs.
export { parseScenario } from './parse';
export { ScenarioError } from './errors';
export { explore } from './explore';
export type { Exploration, FindingReport, OutcomeGroup } from './explore';
export { explorationJson, formatExploration } from './format';
export { interleavingCount } from './limits';

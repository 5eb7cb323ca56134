export * from './balance';
export * from './rng';
export * from './highs-run';
export * from './rotation-model';
export * from './rotation-planner';
export * from './brute-force';
export * from './greedy';

export * from './plan-stages';
export * from './csv';

// Pure rules of the sales pipeline (issue 9). No I/O.
export * from './lead';
export * from './stages';
export * from './brief';
export * from './estimate';
export * from './templates';
export * from './funnel';
export * from './signing';

// The KPI domain's public surface: import from 'src/domain/kpi'. Pure: no I/O, no clock.
export * from './aggregates';
export * from './expression';
export * from './definitions';
export * from './pacing';
export * from './targets';
export * from './plan';
export * from './capacity';
export * from './rollup';

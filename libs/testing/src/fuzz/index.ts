export * from './hostile-input';
export * from './fuzz-tally';
export * from './table-counts';
export * from './send-hostile';
export * from './refused-writes-nothing';
export * from './consumer-control-fuzz';

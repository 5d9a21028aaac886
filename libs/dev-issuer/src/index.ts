export * from './dev-issuer-clients';
export * from './dev-issuer';
export * from './listen';

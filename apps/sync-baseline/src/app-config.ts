/** Injection token of the validated SyncBaselineConfig. */
export const SYNC_CONFIG = Symbol('SYNC_CONFIG');

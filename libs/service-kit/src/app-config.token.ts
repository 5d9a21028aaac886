/** Injection token of each app's validated, typed configuration object. */
export const APP_CONFIG = Symbol('APP_CONFIG');

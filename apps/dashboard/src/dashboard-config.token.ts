/** Injection token of the dashboard's validated configuration. */
export const DASHBOARD_CONFIG = Symbol('DASHBOARD_CONFIG');

/** Injection token of the service's name (ServiceModule provides it; the OpenAPI title uses it). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');

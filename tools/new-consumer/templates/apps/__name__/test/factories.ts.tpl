// Test data for __name__: the shared order payload (libs/testing, with overrides); add this
// service's own events here.
export { orderCancelledEvent, orderCreatedData, orderCreatedEvent } from '@dinner-rush/testing';

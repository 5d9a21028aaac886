import { OrderCancelledV1, buildEvent, EnvelopeSchema } from '@dinner-rush/contracts';

describe('envelope', () => {
  it('builds a valid envelope for a contract event', () => {
    const orderId = '6f1c7d7e-8c1f-4a43-9a55-1f5ad4d5a001';
    const envelope = buildEvent(
      OrderCancelledV1,
      {
        orderId,
        merchantId: 'm-1',
        customerId: 'c-1',
        reason: null,
        cancelledAt: new Date().toISOString(),
      },
      { correlationId: orderId, causationId: null },
    );
    expect(EnvelopeSchema.parse(envelope)).toMatchObject({
      type: 'order.cancelled.v1',
      version: 1,
    });
  });
});

import { AllRpcs } from '@dinner-rush/contracts';

describe('request/reply contracts', () => {
  it.each(AllRpcs.map((rpc) => [rpc.name, rpc] as const))(
    '%s: pinned examples fit request and reply schemas',
    (_name, rpc) => {
      expect(rpc.request.safeParse(rpc.examples.request).success).toBe(true);
      expect(rpc.reply.safeParse(rpc.examples.reply).success).toBe(true);
    },
  );

  it.each(AllRpcs.map((rpc) => [rpc.name, rpc] as const))(
    '%s: routed by its named exchange to the responder queue (never the default exchange)',
    (_name, rpc) => {
      expect(rpc.exchange).not.toBe('');
      expect(rpc.routingKey).toBe(rpc.queue);
      expect(rpc.name).toMatch(/^[a-z][a-z0-9-]*\.v\d+$/);
    },
  );

  it('a request with an unknown field is refused (strict, like every request)', () => {
    const [quote] = AllRpcs;
    expect(quote.request.safeParse({ ...quote.examples.request, fee: 1 }).success).toBe(false);
  });
});

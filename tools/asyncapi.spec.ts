import { Parser, DiagnosticSeverity } from '@asyncapi/parser';
import { AllEvents, AllRpcs, Queues, RPC_REPLY_EXCHANGE } from '@dinner-rush/contracts';
import { committedAsyncApi, currentAsyncApi } from './asyncapi';

const isError = (diagnostic: { severity: unknown }) =>
  Number(diagnostic.severity) === Number(DiagnosticSeverity.Error);

/**
 * docs/asyncapi.json is generated from libs/contracts: it must be current
 * (regenerate with `npm run docs:asyncapi`) and a valid AsyncAPI 3.0 document.
 */
describe('AsyncAPI document', () => {
  let rendered: string;
  let document: {
    channels: Record<
      string,
      {
        address: string | null;
        messages: Record<string, unknown>;
        bindings?: { amqp?: { exchange?: { name: string } } };
      }
    >;
    operations: Record<string, { action: string; reply?: unknown }>;
    components: { messages: Record<string, { examples?: unknown[] }> };
  };

  beforeAll(() => {
    document = currentAsyncApi() as typeof document;
    rendered = JSON.stringify(document);
  });

  it('the committed docs/asyncapi.json is current (else run `npm run docs:asyncapi`)', () => {
    expect(committedAsyncApi()).toEqual(document);
  });

  it('is valid AsyncAPI 3.0 (official parser, no errors)', async () => {
    const diagnostics = await new Parser().validate(rendered);
    const errors = diagnostics.filter(isError);
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
  });

  it('has a channel, a publish operation and an example for every event', () => {
    for (const event of AllEvents) {
      expect(document.channels[event.type]?.address).toBe(event.type);
      expect(document.operations[`publish.${event.type}`]?.action).toBe('send');
      expect(document.components.messages[event.type]?.examples).toHaveLength(1);
    }
  });

  it('has every consumer queue with its dead-letter queue', () => {
    for (const names of Object.values(Queues)) {
      expect(document.channels[names.queue]?.address).toBe(names.queue);
      expect(document.channels[names.deadLetterQueue]?.address).toBe(names.deadLetterQueue);
      expect(document.operations[`consume.${names.queue}`]?.action).toBe('receive');
    }
  });

  it('models every request/reply pair with a reply-to address', () => {
    for (const rpc of AllRpcs) {
      expect(document.channels[`${rpc.name}.request`]?.address).toBe(rpc.queue);
      expect(document.operations[`ask.${rpc.name}`]).toMatchObject({
        action: 'send',
        reply: { address: { location: '$message.header#/reply_to' } },
      });
      // Replies through the named reply exchange, never the default exchange or direct reply-to.
      expect(document.channels[`${rpc.name}.reply`]?.bindings?.amqp?.exchange?.name).toBe(
        RPC_REPLY_EXCHANGE,
      );
    }
  });

  it('a broken document is reported (the validation can fail)', async () => {
    const broken = JSON.stringify({ ...JSON.parse(rendered), info: undefined });
    const diagnostics = await new Parser().validate(broken);
    expect(diagnostics.some(isError)).toBe(true);
  });
});

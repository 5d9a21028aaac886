import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AllEvents, EnvelopeSchema, StatusEventData, Exchanges } from '@dinner-rush/contracts';

/**
 * Contract tests: one pinned JSON example per event (libs/contracts/examples).
 * A change that breaks an example is a breaking change: publish a new version
 * beside the old one instead.
 */
const examplesDir = join(__dirname, '../examples');
const example = (type: string): unknown =>
  JSON.parse(readFileSync(join(examplesDir, `${type}.json`), 'utf8'));

describe('event contracts', () => {
  it('every event has a pinned example and every example has an event', () => {
    const files = readdirSync(examplesDir).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(AllEvents.map((event) => event.type).sort());
  });

  it.each(AllEvents.map((event) => [event.type, event] as const))(
    '%s: example fits envelope and schema',
    (type, event) => {
      const envelope = EnvelopeSchema.parse(example(type));
      expect(envelope.type).toBe(type);
      expect(envelope.version).toBe(event.version);
      expect(event.schema.safeParse(envelope.data).success).toBe(true);
    },
  );

  it('every status event can be tracked generically (names its order)', () => {
    for (const event of AllEvents.filter((e) => e.exchange === Exchanges.orderStatus)) {
      expect(
        StatusEventData.safeParse(EnvelopeSchema.parse(example(event.type)).data).success,
      ).toBe(true);
    }
  });

  it('rejects a tampered example (the schemas are strict where it matters)', () => {
    const tampered = example('order.created.v1') as { data: { totalCents: unknown } };
    tampered.data.totalCents = '1199';
    const created = AllEvents.find((e) => e.type === 'order.created.v1');
    expect(created?.schema.safeParse(tampered.data).success).toBe(false);
    expect(EnvelopeSchema.safeParse({ ...tampered, messageId: 'not-a-uuid' }).success).toBe(false);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  EnvelopeSchema,
  OrderCreatedV1,
  OrderCreatedV1ToV2,
  OrderCreatedV2,
  orderCreatedPair,
  type Envelope,
} from '@dinner-rush/contracts';

/** The pinned examples: the v2 one is the v1 one, with instructions, as its twin. */
const pinned = (type: string): Envelope =>
  EnvelopeSchema.parse(
    JSON.parse(readFileSync(join(__dirname, `../../examples/${type}.json`), 'utf8')),
  );
const v1Example = pinned('order.created.v1');
const v2Example = pinned('order.created.v2');
const instructions = OrderCreatedV2.schema.parse(v2Example.data).deliveryInstructions;
const v1Data = OrderCreatedV1.schema.parse(v1Example.data);
const lineage = { correlationId: v1Example.correlationId, causationId: null };

/** How a reader takes an envelope: its data through the reading schema (what AcceptedEvents does). */
function readAs<T>(schema: { parse(data: unknown): T }, envelope: Envelope): Envelope<T> {
  return { ...envelope, data: schema.parse(envelope.data) };
}

describe('order.created v1 → v2', () => {
  it('upcasts the pinned v1 example (with the instructions a dual publisher adds) to the pinned v2', () => {
    const v1Copy = {
      ...v1Example,
      data: { ...v1Data, deliveryInstructions: instructions },
    };
    expect(OrderCreatedV1ToV2.upcast(readAs(OrderCreatedV1ToV2.schema, v1Copy))).toEqual(v2Example);
  });

  it("upcasts an old producer's v1 (no instructions) to a valid v2 with null instructions", () => {
    const v2 = OrderCreatedV1ToV2.upcast(readAs(OrderCreatedV1ToV2.schema, v1Example));
    expect(OrderCreatedV2.schema.parse(v2.data).deliveryInstructions).toBeNull();
    expect(v2).toMatchObject({
      type: 'order.created.v2',
      version: 2,
      messageId: v2Example.messageId,
    });
  });

  it('publishes a pair whose v2 is the upcast of its v1, and whose v1 a v1 reader takes as before', () => {
    const { v1, v2 } = orderCreatedPair(
      { ...v1Data, deliveryInstructions: 'Leave at the door' },
      lineage,
    );
    expect(OrderCreatedV1ToV2.upcast(readAs(OrderCreatedV1ToV2.schema, v1))).toEqual(v2);
    expect(v2.data.deliveryInstructions).toBe('Leave at the door');
    expect(v2.messageId).toBe(v1.messageId);
    expect(v1.type).toBe('order.created.v1');
    // A v1 reader's schema drops the key it does not know: it sees exactly v1.
    expect(OrderCreatedV1.schema.parse(v1.data)).toEqual(v1Data);
  });

  it('publishes no instructions key in v1 when there are none, and null in v2', () => {
    const { v1, v2 } = orderCreatedPair({ ...v1Data, deliveryInstructions: null }, lineage);
    expect(v1.data).not.toHaveProperty('deliveryInstructions');
    expect(v2.data.deliveryInstructions).toBeNull();
  });

  it.each([
    ['a NUL character', 'ring\u0000twice'],
    ['a lone surrogate', 'ring \uD800 twice'],
    ['501 characters', 'x'.repeat(501)],
    ['an empty string', ''],
  ])('refuses instructions with %s, in v2 and in the v1 copy a v2 reader takes', (_what, text) => {
    expect(OrderCreatedV2.schema.safeParse({ ...v1Data, deliveryInstructions: text }).success).toBe(
      false,
    );
    expect(
      OrderCreatedV1ToV2.schema.safeParse({ ...v1Data, deliveryInstructions: text }).success,
    ).toBe(false);
  });
});

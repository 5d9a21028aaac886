import { isStorableJson, isStorableText, storableText } from './storable-text';

describe('storable text', () => {
  it('accepts text PostgreSQL stores, including characters beyond the BMP', () => {
    expect(isStorableText('Oranienstraße 1, 🍕 two pizzas')).toBe(true);
    expect(storableText().max(10).safeParse('Pommes').success).toBe(true);
  });

  it('refuses a NUL character and unpaired surrogates, naming why', () => {
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('\ud800 lone high')).toBe(false);
    expect(isStorableText('lone low \udc00')).toBe(false);
    const result = storableText().safeParse('x\u0000');
    expect(result.error?.issues[0]?.message).toContain('NUL');
  });

  it('looks into every string and key of a JSON value', () => {
    expect(isStorableJson({ a: [{ b: 'fine' }], n: 1, t: true, z: null })).toBe(true);
    expect(isStorableJson({ a: [{ b: 'bad\u0000' }] })).toBe(false);
    expect(isStorableJson({ ['k\ud800']: 1 })).toBe(false);
  });
});

describe('StatusEventData', () => {
  it("refuses an extra field PostgreSQL could not store as the timeline entry's details", async () => {
    const { StatusEventData } = await import('./events/status-event');
    const orderId = '8b48e8ff-677b-42ee-a3d9-9d979ce7c38c';
    expect(StatusEventData.safeParse({ orderId, note: 'fine' }).success).toBe(true);
    expect(StatusEventData.safeParse({ orderId, note: 'bad\u0000' }).success).toBe(false);
  });
});

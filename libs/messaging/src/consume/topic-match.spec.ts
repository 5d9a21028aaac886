import { topicMatches } from './topic-match';

describe('topicMatches (AMQP topic binding rules)', () => {
  it.each([
    ['order.created.v1', 'order.created.v1', true],
    ['order.created.v1', 'order.cancelled.v1', false],
    ['order.*.v1', 'order.created.v1', true],
    ['order.*', 'order.created.v1', false],
    ['#', 'rider.assigned.v1', true],
    ['#', '', true],
    ['order.#', 'order', true],
    ['order.#', 'order.created.v1', true],
    ['#.v1', 'ledger.recorded.v1', true],
    ['#.v2', 'ledger.recorded.v1', false],
    ['*.*.v1', 'a.b.v1', true],
    ['*.*.v1', 'a.v1', false],
  ])('%s against %s → %s', (pattern, key, expected) => {
    expect(topicMatches(pattern, key)).toBe(expected);
  });
});

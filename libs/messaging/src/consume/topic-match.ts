/**
 * Whether a routing key matches an AMQP topic binding pattern, the way a topic
 * exchange decides: words are separated by dots, `*` stands for exactly one
 * word and `#` for zero or more.
 */
export function topicMatches(pattern: string, routingKey: string): boolean {
  return matchWords(pattern.split('.'), routingKey.split('.'));
}

function matchWords(pattern: readonly string[], key: readonly string[]): boolean {
  if (pattern.length === 0) return key.length === 0;
  const [head, ...rest] = pattern;
  if (head === '#') {
    // `#` swallows 0..n words: try every split point.
    for (let taken = 0; taken <= key.length; taken++) {
      if (matchWords(rest, key.slice(taken))) return true;
    }
    return false;
  }
  if (key.length === 0) return false;
  return (head === '*' || head === key[0]) && matchWords(rest, key.slice(1));
}

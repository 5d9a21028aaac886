/** The raw channel as far as returns go. */
interface ReturningChannel {
  on(
    event: 'return',
    listener: (message: {
      fields: { routingKey?: unknown };
      properties: { messageId?: unknown };
    }) => void,
  ): unknown;
}

/**
 * Messages the broker handed back as unroutable (published `mandatory`, no
 * queue bound for them), by message id and routing key (the two copies of one
 * fact in two versions share an id). RabbitMQ sends the basic.return before
 * the publisher confirm, and amqplib handles frames in order, so by the time
 * a publish's confirm resolves its return, if any, is already recorded here:
 * a confirm alone would have marked a message nobody can receive as sent.
 */
export class ReturnedMessages {
  private readonly keys = new Set<string>();

  /**
   * `mayFindNoQueue`: routing keys whose messages may go unheard, because
   * another copy carries the same fact (order.created.v2 published beside
   * v1 before any consumer reads v2).
   */
  constructor(private readonly mayFindNoQueue: ReadonlySet<string> = new Set()) {}

  /** Records what comes back on this channel (each channel the publisher opens). */
  listen(raw: ReturningChannel): void {
    raw.on('return', (message) => {
      const id = message.properties.messageId;
      const routingKey = message.fields.routingKey;
      if (typeof id === 'string' && typeof routingKey === 'string') {
        this.keys.add(keyOf({ messageId: id, routingKey }));
      }
    });
  }

  /**
   * Whether the message came back when it had to reach a queue; forgets it
   * either way, so the set holds only what is being checked.
   */
  take(message: PublishedMessage): boolean {
    return this.keys.delete(keyOf(message)) && !this.mayFindNoQueue.has(message.routingKey);
  }
}

interface PublishedMessage {
  messageId: string;
  routingKey: string;
}

const keyOf = ({ messageId, routingKey }: PublishedMessage) => `${messageId} ${routingKey}`;

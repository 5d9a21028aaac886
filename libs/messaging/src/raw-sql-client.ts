/**
 * The one thing the messaging tables need from a Prisma client or transaction:
 * raw SQL. Each service's generated client satisfies it, so libs never depend
 * on any service's generated types.
 */
export interface RawSqlClient {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

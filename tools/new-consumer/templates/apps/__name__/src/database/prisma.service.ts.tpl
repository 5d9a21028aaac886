import { Injectable } from '@nestjs/common';
import { ServicePrisma } from '@dinner-rush/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** __name__'s schema: Prisma for the read API, its pg pool for the consumer's transactions. */
@Injectable()
export class PrismaService extends ServicePrisma(PrismaClient) {}

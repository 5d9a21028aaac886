import { Injectable } from '@nestjs/common';
import { ServicePrisma } from '@dinner-rush/service-kit';
import { PrismaClient } from '../generated/prisma/client';

/** The orders schema: Prisma for the read APIs, its pg pool for intake and tracking. */
@Injectable()
export class PrismaService extends ServicePrisma(PrismaClient) {}

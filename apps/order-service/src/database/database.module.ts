import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** One Prisma client (and pool) for the whole service; global so health checks can reach it. */
@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class DatabaseModule {}

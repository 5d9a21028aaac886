import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** One Prisma client (and pool) per process, shared by every feature module. */
@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class DatabaseModule {}

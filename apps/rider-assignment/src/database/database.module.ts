import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Global: the health check, the fleet and the dispatcher share one connection pool. */
@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class DatabaseModule {}

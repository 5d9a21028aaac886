import { Module } from '@nestjs/common';
import { WaitingLineController } from './waiting-line.controller';
import { WaitingLineRepository } from './waiting-line.repository';

@Module({ controllers: [WaitingLineController], providers: [WaitingLineRepository] })
export class WaitingLineModule {}

import { Module } from '@nestjs/common';
import { AssignmentsController } from './assignments.controller';
import { AssignmentsRepository } from './assignments.repository';

@Module({ controllers: [AssignmentsController], providers: [AssignmentsRepository] })
export class AssignmentsModule {}

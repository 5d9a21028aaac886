import { Controller, Get, Param } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { ProblemException, ZodValidationPipe } from '@dinner-rush/service-kit';
import { z } from 'zod';
import { AssignmentsRepository, type AssignmentView } from './assignments.repository';

/** Validated as an object so a 400 names the offending parameter. */
const AssignmentParams = z.object({ orderId: z.uuid() });

@Roles('operator')
@Controller('assignments')
export class AssignmentsController {
  constructor(private readonly assignments: AssignmentsRepository) {}

  /** Where an order stands with the fleet: waiting, assigned, delivered or cancelled. */
  @Get(':orderId')
  async get(
    @Param(new ZodValidationPipe(AssignmentParams)) { orderId }: z.infer<typeof AssignmentParams>,
  ): Promise<AssignmentView> {
    const assignment = await this.assignments.find(orderId);
    if (!assignment) {
      throw new ProblemException({
        title: 'Assignment not found',
        status: 404,
        code: 'assignment-not-found',
        detail: `no assignment for order ${orderId} (not received yet, or unknown)`,
      });
    }
    return assignment;
  }
}

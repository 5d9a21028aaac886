import { PIPELINE_STEPS, type AuditedOrderView, type PipelineConsumer } from './order-views';

/** Milliseconds from an order's creation to each consumer's step, and to the last of them. */
export type StepLatencies = Partial<Record<PipelineConsumer | 'allSteps', number>>;

/**
 * End-to-end latencies from the timestamps the services recorded themselves
 * (the creation time comes from the order service, each step's from its
 * consumer), so the figure does not depend on how often anyone polled.
 * `allSteps` only when every step is there.
 */
export function stepLatencies(view: AuditedOrderView): StepLatencies {
  const created = Date.parse(view.createdAt);
  const latencies: StepLatencies = {};
  for (const [consumer, type] of Object.entries(PIPELINE_STEPS) as [PipelineConsumer, string][]) {
    const step = view.timeline.find((entry) => entry.type === type);
    if (step) latencies[consumer] = Date.parse(step.at) - created;
  }
  const steps = Object.keys(PIPELINE_STEPS).map((c) => latencies[c as PipelineConsumer]);
  const all = steps.filter((ms): ms is number => ms !== undefined);
  if (all.length === steps.length) latencies.allSteps = Math.max(...all);
  return latencies;
}

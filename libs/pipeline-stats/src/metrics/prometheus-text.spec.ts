import { metricSum, parsePrometheusText, sumOf, sumOrNull } from './prometheus-text';

describe('Prometheus text', () => {
  const text = [
    '# HELP orders_accepted_total Orders accepted',
    '# TYPE orders_accepted_total counter',
    'orders_accepted_total 42',
    'http_request_duration_seconds_bucket{le="0.1",method="POST",route="/orders",status_code="201"} 7',
    'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/orders",status_code="201"} 9',
    'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/orders/:id",status_code="200"} 3',
    'odd_label{path="a \\"quoted\\" b"} 1.5e2',
    'messages_handled_total{queue="order-service.status",type="rider.assigned.v1",outcome="applied"} 3',
    'messages_handled_total{queue="order-service.status",type="ledger.recorded.v1",outcome="duplicate"} 1',
    'messages_handled_total{queue="ledger.orders",type="order.created.v1",outcome="applied"} 4',
    'messages_handled_total_created 99',
    'gauge_with_timestamp 5 1700000000000',
    'summary_quantile{quantile="0.5"} NaN',
  ].join('\n');
  const samples = parsePrometheusText(text);

  it('reads names, labels and values, skipping comments and timestamps', () => {
    expect(samples).toHaveLength(11);
    expect(samples[0]).toEqual({ name: 'orders_accepted_total', labels: {}, value: 42 });
    expect(samples[4]).toEqual({ name: 'odd_label', labels: { path: 'a "quoted" b' }, value: 150 });
    expect(sumOf(samples, 'gauge_with_timestamp')).toBe(5);
  });

  it('sums the samples whose labels include the ones asked for, and only that metric', () => {
    expect(sumOf(samples, 'http_request_duration_seconds_bucket', { le: '+Inf' })).toBe(12);
    expect(
      sumOf(samples, 'http_request_duration_seconds_bucket', { le: '+Inf', method: 'POST' }),
    ).toBe(9);
    expect(sumOf(samples, 'messages_handled_total')).toBe(8);
    expect(
      sumOf(samples, 'messages_handled_total', {
        queue: 'order-service.status',
        outcome: 'applied',
      }),
    ).toBe(3);
  });

  it('tells a missing metric (null) from a zero, and skips values that are not numbers', () => {
    expect(sumOf(samples, 'missing')).toBe(0);
    expect(sumOrNull(samples, 'missing')).toBeNull();
    expect(sumOrNull(samples, 'summary_quantile')).toBeNull();
    expect(metricSum(text, 'orders_accepted_total')).toBe(42);
    expect(metricSum(text, 'messages_handled_total', { queue: 'ledger.orders' })).toBe(4);
  });
});

import { parsePrometheusText, sumOf } from './prometheus-text';

describe('Prometheus text parsing', () => {
  const text = [
    '# HELP orders_accepted_total Orders accepted',
    '# TYPE orders_accepted_total counter',
    'orders_accepted_total 42',
    'http_request_duration_seconds_bucket{le="0.1",method="POST",route="/orders",status_code="201"} 7',
    'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/orders",status_code="201"} 9',
    'http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/orders/:id",status_code="200"} 3',
    'odd_label{path="a \\"quoted\\" b"} 1.5e2',
  ].join('\n');

  it('reads names, labels and values, skipping comments', () => {
    const samples = parsePrometheusText(text);
    expect(samples).toHaveLength(5);
    expect(samples[0]).toEqual({ name: 'orders_accepted_total', labels: {}, value: 42 });
    expect(samples[4]).toEqual({ name: 'odd_label', labels: { path: 'a "quoted" b' }, value: 150 });
  });

  it('sums the samples whose labels match', () => {
    const samples = parsePrometheusText(text);
    expect(sumOf(samples, 'http_request_duration_seconds_bucket', { le: '+Inf' })).toBe(12);
    expect(
      sumOf(samples, 'http_request_duration_seconds_bucket', { le: '+Inf', method: 'POST' }),
    ).toBe(9);
    expect(sumOf(samples, 'missing')).toBe(0);
  });
});

import { InvalidArgumentError } from '@commander-js/extra-typings';
import {
  instant,
  listOf,
  nonNegative,
  positive,
  share,
  tcpPort,
  urlOf,
  wholeNumber,
} from './option-values';

describe('option values: what a tool may receive', () => {
  it('numbers are numbers, never NaN, never a surprise', () => {
    expect(wholeNumber(1)('20')).toBe(20);
    for (const raw of ['abc', '', ' ', '1.5', '-1', '0x10', '1e3', '0'])
      expect(() => wholeNumber(1)(raw)).toThrow(InvalidArgumentError);
    expect(nonNegative('0.25')).toBe(0.25);
    expect(() => nonNegative('-2')).toThrow('≥ 0');
    expect(() => positive('0')).toThrow('> 0');
    expect(share('1')).toBe(1);
    expect(() => share('1.5')).toThrow('between 0 and 1');
    expect(tcpPort('3005')).toBe(3005);
    expect(() => tcpPort('99999')).toThrow('TCP port');
  });

  it('times, URLs and lists', () => {
    expect(instant('2026-11-22T00:00:00Z').toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(() => instant('yesterday')).toThrow('ISO time');
    expect(urlOf('amqp')('amqp://u:p@host:5672/v')).toBe('amqp://u:p@host:5672/v');
    expect(() => urlOf('http', 'https')('localhost:3000')).toThrow('http or https URL');
    expect(listOf()(' a, b ,,c')).toEqual(['a', 'b', 'c']);
    expect(() => listOf(['all-up', 'downstream-stopped'])('all-up,chaos')).toThrow('unknown chaos');
  });
});

import type { ChannelModel } from 'amqplib';
import {
  brokerAddress,
  brokerUrls,
  brokerVhost,
  connectToAnyBroker,
  isBrokerUrlList,
  type OpenConnection,
} from './broker-urls';

const THREE_NODES =
  'amqp://svc:s3cret@10.0.0.1:5672/dr, amqp://svc:s3cret@10.0.0.2:5673/dr,amqp://svc:s3cret@10.0.0.3:5674/dr';

describe('brokerUrls', () => {
  it('reads one URL as a list of one', () => {
    expect(brokerUrls('amqp://guest:guest@127.0.0.1:5672')).toEqual([
      'amqp://guest:guest@127.0.0.1:5672',
    ]);
  });

  it('splits a comma-separated list in order, ignoring spaces and empty entries', () => {
    expect(brokerUrls(`${THREE_NODES},`)).toEqual([
      'amqp://svc:s3cret@10.0.0.1:5672/dr',
      'amqp://svc:s3cret@10.0.0.2:5673/dr',
      'amqp://svc:s3cret@10.0.0.3:5674/dr',
    ]);
  });

  it.each([
    ['', 'no broker URL given'],
    [' , ', 'no broker URL given'],
    ['amqp://a:5672,http://b:5672', 'broker URL 2 is not an amqp:// or amqps:// URL'],
    ['not a url', 'broker URL 1 is not an amqp:// or amqps:// URL'],
  ])('refuses %j', (list, message) => {
    expect(() => brokerUrls(list)).toThrow(message);
    expect(isBrokerUrlList(list)).toBe(false);
  });

  it('never quotes a bad URL (it may carry a password)', () => {
    expect(() => brokerUrls('amqp://u:hunter2@a:5672,ftp://u:hunter2@b')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('accepts amqps and a list', () => {
    expect(isBrokerUrlList('amqps://b.example:5671,amqp://c')).toBe(true);
  });
});

describe('brokerAddress and brokerVhost', () => {
  it('gives host:port without credentials, with the default port when none is named', () => {
    expect(brokerAddress('amqp://svc:s3cret@10.0.0.2:5673/dr')).toBe('10.0.0.2:5673');
    expect(brokerAddress('amqp://svc:s3cret@rabbit')).toBe('rabbit:5672');
    expect(brokerAddress('amqps://rabbit')).toBe('rabbit:5671');
  });

  it("reads the vhost from the first URL's path", () => {
    expect(brokerVhost(THREE_NODES)).toBe('dr');
    expect(brokerVhost('amqp://a:5672,amqp://b:5672')).toBe('/');
    expect(brokerVhost('amqp://a:5672/orders%2Fa')).toBe('orders/a');
  });
});

describe('connectToAnyBroker', () => {
  const connection = { close: jest.fn() } as unknown as ChannelModel;
  const refused = (url: string) =>
    Object.assign(new Error(`connect ECONNREFUSED ${url}`), { code: 'ECONNREFUSED' });

  it('connects to the first node when it answers, trying no other', async () => {
    const open = jest.fn<ReturnType<OpenConnection>, Parameters<OpenConnection>>();
    open.mockResolvedValue(connection);
    await expect(connectToAnyBroker(THREE_NODES, { open, timeoutMs: 500 })).resolves.toBe(
      connection,
    );
    expect(open.mock.calls).toEqual([['amqp://svc:s3cret@10.0.0.1:5672/dr', { timeout: 500 }]]);
  });

  it('fails over to the next node in list order when one is down', async () => {
    const open = jest.fn<ReturnType<OpenConnection>, Parameters<OpenConnection>>();
    open.mockRejectedValueOnce(refused('10.0.0.1')).mockResolvedValueOnce(connection);
    await expect(connectToAnyBroker(THREE_NODES, { open })).resolves.toBe(connection);
    expect(open.mock.calls.map(([url]) => brokerAddress(url))).toEqual([
      '10.0.0.1:5672',
      '10.0.0.2:5673',
    ]);
  });

  it('asks for a heartbeat when told to, unless the URL sets its own', async () => {
    const open = jest.fn<ReturnType<OpenConnection>, Parameters<OpenConnection>>();
    open.mockRejectedValueOnce(refused('a')).mockResolvedValueOnce(connection);
    await connectToAnyBroker('amqp://a:5672?heartbeat=9,amqp://b:5673/v', { open, heartbeatS: 2 });
    expect(open.mock.calls.map(([url]) => url)).toEqual([
      'amqp://a:5672?heartbeat=9',
      'amqp://b:5673/v?heartbeat=2',
    ]);
  });

  it('names every node and its error when none answers, with no password', async () => {
    const open: OpenConnection = (url) =>
      Promise.reject(url.includes('5674') ? new Error(`bad ${url}`) : refused(url));
    const failure = connectToAnyBroker(THREE_NODES, { open });
    await expect(failure).rejects.toThrow(
      'no RabbitMQ node accepted a connection (10.0.0.1:5672: ECONNREFUSED; ' +
        '10.0.0.2:5673: ECONNREFUSED; 10.0.0.3:5674: bad amqp://10.0.0.3:5674/dr)',
    );
    await expect(failure).rejects.toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
    );
  });
});

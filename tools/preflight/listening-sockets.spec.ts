import { parseListeningSockets } from './listening-sockets';

describe('parseListeningSockets', () => {
  it('keeps LISTEN sockets (state 0A) with their port and inode', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   104        0 29744 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:1628 0100007F:9C2A 01 00000000:00000000 00:00000000 00000000   999        0 31337 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:0BB8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 81234 1 0000000000000000 100 0 0 10 0',
      '',
    ].join('\n');
    expect(parseListeningSockets(text)).toEqual([
      { port: 5432, inode: 29744 },
      { port: 3000, inode: 81234 },
    ]);
  });

  it('reads IPv6 addresses the same way', () => {
    const text =
      'header\n   0: 00000000000000000000000000000000:0C1C 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5555 1 0 100 0 0 10 0';
    expect(parseListeningSockets(text)).toEqual([{ port: 3100, inode: 5555 }]);
  });
});

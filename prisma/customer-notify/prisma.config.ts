// `npx prisma … --config prisma/<service>/prisma.config.ts`: see prisma/shared/service-config.ts.
import { serviceConfig } from '../shared/service-config';

export default serviceConfig(__dirname);

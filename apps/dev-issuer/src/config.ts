import { DEV_TOOLS_CLIENT_SECRET } from '@dinner-rush/auth';
import { z } from 'zod';

/** The dev issuer's settings: where it listens, the URL services know it by, the tools secret. */
export const devIssuerEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3090),
  /** 0.0.0.0 in a container; loopback otherwise, so the machine's network cannot mint tokens. */
  HOST: z.string().default('127.0.0.1'),
  /** The issuer URL (`iss`) when it is reached under another name than http://HOST:PORT. */
  DEV_ISSUER_URL: z.url().optional(),
  OIDC_TOOLS_CLIENT_SECRET: z.string().min(1).default(DEV_TOOLS_CLIENT_SECRET),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3_600),
});

import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';

/** The image's `node` user (Dockerfile: USER node); numeric, so runAsNonRoot can be checked. */
const NODE_UID = 1000;

/** Pods of the project's image run as its unprivileged user, under the runtime's seccomp profile. */
export const RESTRICTED_POD: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: NODE_UID,
  runAsGroup: NODE_UID,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** Nothing in a container writes outside /tmp (logs go to stdout), so the image stays read-only. */
export const RESTRICTED_CONTAINER: NonNullable<IContainer['securityContext']> = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
};

export const TMP_VOLUME: IVolume = { name: 'tmp', emptyDir: {} };
export const TMP_MOUNT: IVolumeMount = { name: 'tmp', mountPath: '/tmp' };

/** A Node.js service of this repository: small at rest, a core and 512 MiB at most. */
export const APP_RESOURCES: NonNullable<IContainer['resources']> = {
  requests: { cpu: '100m', memory: '192Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};

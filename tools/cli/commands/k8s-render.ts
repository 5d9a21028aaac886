import { Option, type Command } from '@commander-js/extra-typings';

/** `dinner-rush k8s:render`: see tools/k8s/manifest-tree.ts and docs/deploying.md. */
export function addK8sRenderCommand(program: Command): void {
  program
    .command('k8s:render')
    .summary('rewrite the Kubernetes manifests under deploy/k8s')
    .description(
      'rewrite deploy/k8s (Kustomize base and overlays: every app, RabbitmqCluster, CloudNativePG, KEDA) from the service map',
    )
    .addOption(new Option('--out <dir>', 'write them under <dir> instead of deploy/k8s'))
    .action(async (flags) => {
      const { writeManifests } = await import('../../k8s/manifest-tree');
      writeManifests(flags.out);
    });
}

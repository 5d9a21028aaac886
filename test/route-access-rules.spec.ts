import { PUBLIC_ROUTE, ROUTE_ROLES } from '@dinner-rush/auth';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { globSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every HTTP route of every app and lib says who may call it (@Public(),
 * @Roles() or @OwnerOrOperator()). AuthGuard refuses a route without a rule
 * at run time; this finds it before anyone calls it, by reading the route
 * metadata of every controller class in the repository.
 */
const root = join(__dirname, '..');

type ControllerClass = abstract new (...args: never[]) => unknown;

function controllerClasses(): { file: string; target: ControllerClass }[] {
  return globSync('{apps,libs}/*/src/**/*.controller.ts', { cwd: root })
    .filter((file) => !file.includes('/generated/'))
    .flatMap((file) =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads each controller file synchronously here
      Object.values(require(join(root, file)) as Record<string, unknown>)
        .filter((value): value is ControllerClass => typeof value === 'function')
        .filter((target) => Reflect.getMetadata(PATH_METADATA, target) !== undefined)
        .map((target) => ({ file, target })),
    );
}

function routesWithoutRule(): string[] {
  return controllerClasses().flatMap(({ file, target }) =>
    Object.getOwnPropertyNames(target.prototype)
      .map((name) => ({ name, handler: (target.prototype as Record<string, unknown>)[name] }))
      .filter(({ handler }) => typeof handler === 'function')
      .filter(
        ({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler as object) !== undefined,
      )
      .filter(({ handler }) =>
        [PUBLIC_ROUTE, ROUTE_ROLES].every(
          (key) =>
            Reflect.getMetadata(key, handler as object) === undefined &&
            Reflect.getMetadata(key, target) === undefined,
        ),
      )
      .map(({ name }) => `${file} ${target.name}.${name}`),
  );
}

describe('route access rules', () => {
  it('finds the controllers (the search itself works)', () => {
    expect(controllerClasses().length).toBeGreaterThanOrEqual(15);
  });

  it('has a rule on every route', () => {
    expect(routesWithoutRule()).toEqual([]);
  });
});

import { join } from 'node:path';

/** Where the built app's pieces sit relative to out/main (the bundle's own folder). */
export function bundlePaths(mainDir: string) {
  return {
    preload: join(mainDir, '../preload/index.cjs'),
    renderer: join(mainDir, '../renderer'),
    icon: join(mainDir, '../../resources/icon.png'),
  };
}

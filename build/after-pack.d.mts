/** Types for build/after-pack.mjs (electron-builder afterPack hook). */
import type { FuseV1Config } from '@electron/fuses';

export type FuseName =
  | 'RunAsNode'
  | 'EnableCookieEncryption'
  | 'EnableNodeOptionsEnvironmentVariable'
  | 'EnableNodeCliInspectArguments'
  | 'EnableEmbeddedAsarIntegrityValidation'
  | 'OnlyLoadAppFromAsar'
  | 'LoadBrowserProcessSpecificV8Snapshot'
  | 'GrantFileProtocolExtraPrivileges';

/** The subset of electron-builder's AfterPackContext the hook reads. */
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder `Arch` enum value (0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal) or its name. */
  arch: number | string;
  packager: { executableName: string; appInfo: { productFilename: string } };
}

export declare const FUSES: Readonly<Record<FuseName, boolean>>;
export declare function fuseConfigFor(electronPlatformName: string, arch: number | string): FuseV1Config;
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;

/**
 * electron-builder `afterPack` hook: flips the Electron fuses of the packaged
 * binary before it is signed and wrapped into NSIS/MSI/AppImage/deb.
 *
 * Runs after electron-builder has written app.asar and embedded its integrity
 * hash (Windows resource / macOS Info.plist) and before code signing, which is
 * exactly where fuses must be flipped (a signed binary must not be modified).
 *
 * Why each fuse (https://www.electronjs.org/docs/latest/tutorial/fuses):
 *   RunAsNode off                     ELECTRON_RUN_AS_NODE can't turn the signed app into a
 *                                     generic Node interpreter. The IT command line is the
 *                                     app itself: `"Clinic Workstation" --cli <command>`.
 *   EnableCookieEncryption on         cookies/session storage encrypted with the OS keystore.
 *   EnableNodeOptionsEnvironmentVariable off   NODE_OPTIONS can't inject --require etc.
 *   EnableNodeCliInspectArguments off           --inspect/--inspect-brk can't attach a debugger.
 *   EnableEmbeddedAsarIntegrityValidation on    app.asar must match the hash in the binary.
 *   OnlyLoadAppFromAsar on            the app is loaded only from app.asar (no app/ folder
 *                                     or default_app side-loading).
 * and two more, set explicitly so nothing is left to Electron's defaults:
 *   LoadBrowserProcessSpecificV8Snapshot off   no custom browser-process snapshot is shipped.
 *   GrantFileProtocolExtraPrivileges off       the renderer is served from app://, never
 *                                              file://, so file: pages get no extra rights.
 *
 * ESM (.mjs): electron-builder 26 loads hooks with require() and falls back to
 * import(), and Node ≥ 22.12 can require() ESM without top-level await.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';

/** The fuse settings, by name. Tests assert on this object. */
export const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: false,
});

/** electron-builder's `Arch` enum values (builder-util). */
const ARCH_NAMES = Object.freeze({ 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' });

/**
 * The @electron/fuses config for one packaged target. On Apple Silicon the
 * binary carries an ad-hoc signature that flipping invalidates, so it is reset
 * (a real Developer ID signature, if configured, is applied afterwards).
 */
export function fuseConfigFor(electronPlatformName, arch) {
  const archName = typeof arch === 'number' ? ARCH_NAMES[arch] : arch;
  const config = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature:
      (electronPlatformName === 'darwin' || electronPlatformName === 'mas') && (archName === 'arm64' || archName === 'universal'),
  };
  for (const [name, value] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`@electron/fuses does not know the fuse ${name}`);
    config[index] = value;
  }
  return config;
}

/** Path of the Electron binary (or .app bundle) that carries the fuse wire. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: unsupported platform ${electronPlatformName}`);
  }
}

export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfigFor(context.electronPlatformName, context.arch));
  console.log(`  • after-pack: Electron fuses set on ${binary}`);
}
export default afterPack;

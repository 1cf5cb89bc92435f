import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

const ORTHANC = '/usr/sbin/Orthanc';
const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A real Orthanc with the DICOMweb plugin on loopback, its storage in a temp folder. */
export async function startOrthanc(dir: string): Promise<{ baseUrl: string; process: ChildProcess }> {
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const config = {
    Name: 'CW-PACS-TEST',
    HttpPort: httpPort,
    DicomPort: dicomPort,
    StorageDirectory: join(dir, 'storage'),
    IndexDirectory: join(dir, 'storage'),
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    Plugins: [DICOMWEB_PLUGIN],
    DicomWeb: { Enable: true, Root: '/dicom-web/' },
  };
  await writeFile(join(dir, 'orthanc.json'), JSON.stringify(config));
  const child = spawn(ORTHANC, [join(dir, 'orthanc.json')], { stdio: 'ignore' });
  const origin = `http://127.0.0.1:${httpPort}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited with ${child.exitCode}`);
    const up = await fetch(`${origin}/system`).then((r) => r.ok, () => false);
    if (up) return { baseUrl: `${origin}/dicom-web`, process: child };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('Orthanc did not start');
}


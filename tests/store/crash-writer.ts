/**
 * Child process of crash.test.ts: writes patients through the store worker as
 * fast as it can and prints `ok <id>` after each commit, until it is killed.
 */
import { StoreClient } from '../../main/store/client.ts';
import { patient } from './fixtures.ts';

const [path, keyHex] = process.argv.slice(2);
const client = new StoreClient();
await client.open({ path: path!, key: Buffer.from(keyHex!, 'hex'), create: true });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  // Alternate single inserts with batches so kills land inside multi-row transactions too.
  const ids =
    i % 4 === 0
      ? await client.methods.patients.insertMany(Array.from({ length: 20 }, (_, j) => patient(`C-${process.pid}-${i}-${j}`, 'Crash', `Batch ${j}`)))
      : [await client.methods.patients.insert(patient(`C-${process.pid}-${i}`, 'Crash', 'Single'))];
  process.stdout.write(ids.map((id) => `ok ${id}\n`).join(''));
}

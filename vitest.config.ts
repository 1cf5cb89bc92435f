import { defineConfig } from 'vitest/config';

/** Tests that kill processes at random moments, many times over. */
const CRASH_TESTS = ['tests/store/crash.test.ts', 'tests/integration/sync-crash.test.ts'];
/**
 * For the projects that start s3rver: its listing continuation tokens are DES-encrypted, which the OpenSSL 3 of
 * Node 22 and later only has in its legacy provider; without it every truncated listing fails with a 500.
 */
const S3RVER_ARGS = ['--openssl-legacy-provider'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/store/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          exclude: CRASH_TESTS,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          // Against real servers started by the tests on loopback: Orthanc, s3rver, CDS Hooks services.
          include: ['tests/integration/**/*.test.ts'],
          exclude: CRASH_TESTS,
          execArgv: S3RVER_ARGS,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          execArgv: S3RVER_ARGS,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'crash',
          // SIGKILL loops restart processes dozens of times: a group of their own, so no other test file runs beside them.
          include: CRASH_TESTS,
          execArgv: S3RVER_ARGS,
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});

import type { Page } from 'playwright-core';
import type { Role } from '../../../preload/contract/roles.ts';
import type { Workstation } from './workstation.ts';

/** The weakest scrypt the keyring accepts, so sign-ins in tests take milliseconds. */
export const E2E_KDF = { N: 2 ** 14, r: 8, p: 1 };

export interface Credentials {
  username: string;
  password: string;
}

/** A console connection for arranging data through the contract, apart from the page under test. */
const CONSOLE = { connectionId: 'test-console' };

/** Sets the clinic up through the contract (the wizard has its own test), signs the console in, reloads the page. */
export async function setUpClinic(ws: Workstation, admin: Credentials & { displayName: string }, clinicName = '仁爱诊所'): Promise<string> {
  const setup = await ws.services.router.invoke(CONSOLE, 'setup.initialize', { clinicName, ...admin });
  if (!setup.ok) throw new Error(setup.error.message);
  const login = await ws.services.router.invoke(CONSOLE, 'session.login', { username: admin.username, password: admin.password });
  if (!login.ok) throw new Error(login.error.message);
  await ws.page.reload();
  return (setup.value as { recoveryKey: string }).recoveryKey;
}

/** Adds a staff account as the console's administrator. */
export async function createStaff(ws: Workstation, user: Credentials & { role: Role; displayName?: string }): Promise<void> {
  const created = await ws.services.router.invoke(CONSOLE, 'accounts.create', {
    username: user.username,
    displayName: user.displayName ?? user.username,
    role: user.role,
    password: user.password,
  });
  if (!created.ok) throw new Error(created.error.message);
}

/** Types credentials into the sign-in screen, as a person would. */
export async function signInOnPage(page: Page, { username, password }: Credentials): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in through the login form and waits for the app's frame: for tests whose sign-in is meant to succeed. */
export async function signInToApp(page: Page, credentials: Credentials): Promise<void> {
  await signInOnPage(page, credentials);
  await page.getByTestId('app-frame').waitFor();
}

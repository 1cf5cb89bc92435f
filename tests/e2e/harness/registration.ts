import type { Page } from 'playwright-core';

/** Opens the registration form and types a patient in as the front desk would; the caller submits. */
export async function fillRegistration(page: Page, name: string, birthDate: string, phone: string): Promise<void> {
  await page.getByTestId('patient-register-open').click();
  await page.getByTestId('register-form').waitFor();
  await page.getByTestId('register-full-name').fill(name);
  await page.getByTestId('register-sex-male').check();
  await page.getByTestId('register-birth-date').fill(birthDate);
  await page.getByTestId('register-birth-date').press('Enter');
  await page.getByTestId('register-phone-0').fill(phone);
}

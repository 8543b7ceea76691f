/**
 * The demo world: idempotent, so `npm run dev` can run it on every start.
 * Returns the logins to print.
 */
import type { AppConfig } from '@brobygge/config';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
}

export async function seedDemo(config: AppConfig): Promise<DemoLogin[]> {
  return [{ role: 'admin', email: config.BOOTSTRAP_ADMIN_EMAIL, password: config.BOOTSTRAP_ADMIN_PASSWORD }];
}

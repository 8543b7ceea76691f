import { dropDatabase } from './database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.BROBYGGE_TEST_TEMPLATE) await dropDatabase(process.env.BROBYGGE_TEST_TEMPLATE);
}

/** `npm run seed`: the demo world (idempotent). Prints the logins. */
import 'reflect-metadata';
import { startProcess } from '@brobygge/database';
import { seedDemo } from './seed/demo';

void startProcess(async (config) => {
  const logins = await seedDemo(config);
  for (const l of logins) console.log(`${l.role.padEnd(48)} ${l.email.padEnd(44)} ${l.password}`);
}, { services: true });

/**
 * `npm test`: Jest over both projects (unit, e2e; jest.config.js), then one line with how
 * long the whole run took. Arguments go to Jest: `npm test -- --selectProjects unit`,
 * `npm test -- test/e2e/mail`, `npm test -- --maxWorkers=1`. The exit code is Jest's.
 */
import { spawn } from 'node:child_process';

const started = process.hrtime.bigint();
const jest = spawn(process.execPath, ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning', require.resolve('jest/bin/jest'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});

// Ctrl-C reaches Jest too (same process group); stay to report, and pass on a SIGTERM.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => jest.kill('SIGTERM'));

jest.on('exit', (code, signal) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const whole = Math.round(seconds);
  const minutes = `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
  process.stderr.write(`npm test: ${seconds.toFixed(1)} s (${minutes})${code === 0 ? '' : signal ? `, ended by ${signal}` : `, exit code ${code}`}\n`);
  process.exit(code ?? 1);
});

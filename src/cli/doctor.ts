import { loadDoctorConfig } from '../config/env.js';
import { doctorText } from './doctor/text.js';
import { formatReport, runDoctor } from './doctor/run.js';

/**
 * `npm run doctor`: checks the configuration, Slack, LINE, the database, the queues and the data
 * folder, one line each (✓, ✗, ⚠), with how to fix what is wrong, in Japanese (English with
 * STAFF_LANGUAGE=en). Exit code 0 when no line is ✗ (warnings allowed), 1 otherwise. Run it while
 * Tsunagi runs: LINE's test call needs Tsunagi to answer at PUBLIC_URL.
 */
async function main(): Promise<number> {
  const config = loadDoctorConfig();
  const text = doctorText[config.language];
  const lines = await runDoctor(config, text);
  process.stdout.write(formatReport(lines, text));
  return lines.some((l) => l.status === 'fail') ? 1 : 0;
}

process.exitCode = await main();

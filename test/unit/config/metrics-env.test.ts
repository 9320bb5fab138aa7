import { describe, expect, it } from 'vitest';
import { configProblems, secrets } from '../../helpers/config.js';
import { loadConfig } from '../../../src/config/env.js';

const problemsOf = (env: Record<string, string>) => configProblems({ ...secrets, ...env });

/** METRICS_TOKEN, METRICS_PORT, METRICS_HOST: off by default, on this machine only when a port is given. */
describe('metrics settings', () => {
  it('serve nothing by default; an empty value is unset', () => {
    expect(loadConfig(secrets).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
    expect(loadConfig({ ...secrets, METRICS_TOKEN: ' ', METRICS_PORT: '' }).metrics).toEqual({ token: undefined, port: undefined, host: '127.0.0.1' });
  });

  it('take a long token, a port and an address', () => {
    const token = 'a'.repeat(64);
    expect(loadConfig({ ...secrets, METRICS_TOKEN: token, METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      token,
      port: 9464,
      host: '0.0.0.0',
    });
  });

  it('refuse a short token or one with spaces, and a port that is not one, saying how to fix it', () => {
    expect(problemsOf({ METRICS_TOKEN: 'secret' }).join('\n')).toMatch(/METRICS_TOKEN must be at least 24 characters.*openssl rand -hex 32/);
    expect(problemsOf({ METRICS_TOKEN: 'a long token with some spaces in it' }).join('\n')).toMatch(/METRICS_TOKEN/);
    expect(problemsOf({ METRICS_PORT: 'ninety' }).join('\n')).toMatch(/METRICS_PORT must be a port number/);
    expect(problemsOf({ METRICS_PORT: '70000' }).join('\n')).toMatch(/METRICS_PORT must be a port number/);
  });
});

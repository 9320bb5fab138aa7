import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DemoRefusedError, loadDemoConfig } from '../../../src/config/env.js';

describe('npm run demo configuration', () => {
  it('listens on 127.0.0.1:3000 and keeps its data in .demo, apart from DATA_DIR', () => {
    const demo = loadDemoConfig({});
    expect(demo).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      demoDir: path.resolve('.demo'),
      databaseUrl: undefined,
      redisUrl: undefined,
      queuePrefix: '{tsunagi-demo}',
    });
    expect(loadDemoConfig({ PORT: '4000', HOST: '0.0.0.0', DEMO_DIR: '/tmp/x' })).toMatchObject({ port: 4000, host: '0.0.0.0', demoDir: '/tmp/x' });
  });

  it.each(['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'LINE_CHANNEL_ACCESS_TOKEN', 'LINE_CHANNEL_SECRET'])(
    'refuses to start with %s set, saying why and what to do',
    (name) => {
      const start = () => loadDemoConfig({ [name]: 'real-secret' });
      expect(start).toThrow(DemoRefusedError);
      expect(start).toThrow(new RegExp(`${name} is set.*unset those variables.*npm start`, 's'));
    },
  );

  it('refuses a DEMO_DIR that is DATA_DIR', () => {
    expect(() => loadDemoConfig({ DEMO_DIR: 'data', DATA_DIR: './data' })).toThrow(/DEMO_DIR .* is the same folder as DATA_DIR/);
  });

  it("passes the bot's own settings through, and never the secrets or addresses the demo sets itself", () => {
    const demo = loadDemoConfig({
      TZ_NAME: 'Asia/Tokyo',
      STAFF_LANGUAGE: 'en',
      DIGEST_TIME: '09:00',
      SLACK_API_URL: 'https://slack.com/api/',
      PUBLIC_URL: 'https://tsunagi.example.org',
      PATH: '/usr/bin',
    });
    expect(demo.botEnv).toEqual({ TZ_NAME: 'Asia/Tokyo', STAFF_LANGUAGE: 'en', DIGEST_TIME: '09:00' });
  });
});

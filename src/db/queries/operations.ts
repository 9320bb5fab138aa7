import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { cases } from '../schema/cases.js';

/** The Slack channels that hold open cases (npm run doctor checks the bot is in each). */
export async function openCaseChannels(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ channel: cases.slackChannelId }).from(cases).where(eq(cases.status, 'open')).orderBy(cases.slackChannelId);
  return rows.map((r) => r.channel);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineFollow, lineTextMessage, lineUnfollow } from '../fixtures/line-events.js';
import { createCase, linkLineUser, runCaseCommand, sendLine } from '../helpers/journey.js';
import { eventually, startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * Issue #9, item 2: whatever a LINE user, a staff member or a case label controls is shown in Slack as
 * text. A display name like `<!channel><https://e.x|銀行>` fits LINE's 20 characters; it must never
 * become an @channel ping or a disguised link in a bot post, in any notice or fallback.
 */
const HOSTILE_NAME = '<!channel><https://e.x|銀行>';
const SHOWN_NAME = '&lt;!channel&gt;&lt;https://e.x|銀行&gt;';

/** Everything the app sent to Slack: Web API calls (all arguments) and response_url answers. */
function everythingSent(t: TestApp): string {
  return JSON.stringify([t.slack.calls.map((c) => ({ method: c.method, args: c.args })), t.slack.responses.map((r) => r.body)]);
}

/** `<@…>` mentions in what was sent that are not one of `allowed` (member ids the bot itself chose). */
function foreignMentions(sent: string, allowed: string[]): string[] {
  return [...sent.matchAll(/<@([^>|]*)[^>]*>/g)].map((m) => m[0]).filter((m) => !allowed.some((id) => m === `<@${id}>`));
}

describe('item 2: Slack markup in LINE display names, case labels and relations is shown as text', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SLACK_CHANNEL_POST_INTERVAL_MS: '0' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a hostile display name through every notice: no raw <!…>, <@…> or <http…|…> in any Slack call', async () => {
    const c = await createCase(t, '山田T', { service: 'B型' });
    const thread = () => t.slack.threadReplies('C_TEAM', c.threadTs);
    const notice = (words: string) => t.slack.waitFor(() => thread().find((m) => m.text.includes(words)));
    const [MOTHER, FATHER, NURSE] = ['U_hostile_mother', 'U_hostile_father', 'U_hostile_nurse'];

    // Joined (and the fallback of a relayed post, and its username).
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '母', userId: MOTHER, displayName: HOSTILE_NAME });
    const joined = await notice('LINEで連携しました');
    expect(joined.text).toContain(SHOWN_NAME);
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: 'こんにちは' }));
    const relayed = await notice('こんにちは');
    expect(relayed.username).toBeDefined();
    // Blocked, unblocked (twice: repeatable by blocking and unblocking).
    for (let round = 0; round < 2; round++) {
      await sendLine(t, lineUnfollow({ userId: MOTHER }));
      await t.slack.waitFor(() => thread().filter((m) => m.text.includes('ブロックしました')).length === round + 1);
      await sendLine(t, lineFollow({ userId: MOTHER, isUnblocked: true }));
      await t.slack.waitFor(() => thread().filter((m) => m.text.includes('ブロックを解除しました')).length === round + 1);
    }
    // Declined, by a second person with the same name.
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '父', userId: FATHER, displayName: HOSTILE_NAME, agree: false });
    await notice('同意しませんでした');
    // Withdrawn (解除 on LINE).
    await sendLine(t, lineTextMessage({ userId: MOTHER, text: '解除' }));
    await notice('LINE連携を解除しました。今後');
    // Unlinked by staff.
    await linkLineUser(t, { caseCode: c.code, role: '関係機関', relation: '訪問看護', userId: NURSE, displayName: HOSTILE_NAME });
    const [nurse] = await t.database.sql<Array<{ id: number }>>`select id from contacts where line_user_id = ${NURSE}`;
    expect(await runCaseCommand(t, `unlink ${c.code} ${nurse?.id}`)).toContain('解除しました');
    await notice('<@U_STAFF> が');
    // What staff read about the case, then closing it.
    expect(await runCaseCommand(t, `show ${c.code}`)).toContain(SHOWN_NAME);
    expect(await runCaseCommand(t, `close ${c.code}`)).toContain('終了しました');
    await notice('このケースを終了しました');

    const sent = everythingSent(t);
    expect(sent).not.toContain('<!channel>');
    expect(sent).not.toContain('<https://e.x|');
    expect(sent).not.toMatch(/<!(?:here|channel|everyone)/);
    expect(foreignMentions(sent, ['U_STAFF'])).toEqual([]);
    // The names are still shown, as typed.
    expect(thread().filter((m) => m.text.includes(SHOWN_NAME)).length).toBeGreaterThanOrEqual(8);
    // Text objects that carry what people typed are not pre-parsed by Slack.
    const mrkdwnObjects = JSON.stringify(relayed.blocks).match(/"type":"mrkdwn"[^}]*/g) ?? [];
    expect(mrkdwnObjects.length).toBeGreaterThan(0);
    expect(mrkdwnObjects.every((o) => o.includes('"verbatim":true'))).toBe(true);
  });

  it('hostile case labels, relations and reminder titles typed by staff: no pings, no links', async () => {
    const before = t.slack.calls.length;
    const responsesBefore = t.slack.responses.length;
    // /case has should_escape on: a typed @here arrives as <!here>, a picked member as <@U…|name>.
    const c = await createCase(t, '<!here> <https://e.x|銀行>', { service: 'A型' });
    const invite = await runCaseCommand(t, `invite ${c.code} 家族 <@U123|someone>`);
    expect(invite).not.toContain('<@U123');
    await linkLineUser(t, { caseCode: c.code, role: '本人', relation: '<!everyone>', userId: 'U_hostile_self', displayName: '本人さん' });
    await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('LINEで連携しました')));
    await runCaseCommand(t, `remind ${c.code} 2099-12-15 <!channel> 書類 <https://e.x|確認>`);
    expect(await runCaseCommand(t, 'list')).toContain(c.code);
    expect(await runCaseCommand(t, `show ${c.code}`)).toContain('&lt;!here&gt;');

    const sent = JSON.stringify([t.slack.calls.slice(before).map((x) => x.args), t.slack.responses.slice(responsesBefore).map((r) => r.body)]);
    expect(sent).not.toMatch(/<!(?:here|channel|everyone)/);
    expect(sent).not.toContain('<https://e.x|');
    expect(foreignMentions(sent, ['U_STAFF'])).toEqual([]);
  });

  it('bidirectional and zero-width characters are stripped from names when stored and when shown', async () => {
    const c = await createCase(t, '鈴木K');
    const spoofing = '山田\u202Eknab\u200B花子\u2066';
    await linkLineUser(t, { caseCode: c.code, role: '家族', relation: '姉', userId: 'U_bidi_sister', displayName: spoofing });
    const joined = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('LINEで連携しました')));
    expect(joined.text).toContain('山田knab花子');
    const [stored] = await t.database.sql<Array<{ display_name: string }>>`select display_name from contacts where line_user_id = 'U_bidi_sister'`;
    expect(stored?.display_name).toBe('山田knab花子');
    // A name stored before this rule existed is cleaned when shown.
    await t.database.sql`update contacts set display_name = ${spoofing} where line_user_id = 'U_bidi_sister'`;
    await sendLine(t, lineUnfollow({ userId: 'U_bidi_sister' }));
    const blocked = await t.slack.waitFor(() => t.slack.threadReplies('C_TEAM', c.threadTs).find((m) => m.text.includes('ブロックしました')));
    expect(JSON.stringify(blocked)).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u200E\u200F]/);
    expect(blocked.text).toContain('山田knab花子');
    await eventually(async () => (await t.database.sql`select 1 from audit_log where action = 'contact.blocked'`).length > 0);
  });
});

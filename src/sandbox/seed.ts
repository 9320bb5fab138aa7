import { DateTime } from 'luxon';
import type { DemoClock } from './clock.js';
import type { LineAccount } from './line-standin/account.js';
import type { LinePhones } from './line-standin/phones.js';
import { PERSONAS } from './shared/catalog.js';
import type { LineMessageObject } from './shared/line-types.js';
import type { SlackPeople } from './slack-standin/interactions.js';
import type { SlackWorkspace } from './slack-standin/workspace.js';
import { CHANNELS, STAFF } from './workspace-setup.js';

export interface SeedContext {
  workspace: SlackWorkspace;
  people: SlackPeople;
  account: LineAccount;
  phones: LinePhones;
  clock: DemoClock;
  timeZone: string;
  /** Tells the bot its clock moved. */
  clockMoved(): Promise<void>;
  /** Resolves when the bot has no queued work left (posts in order before the clock moves on). */
  settle(): Promise<void>;
  onStep(step: string): void;
}

const DAY = 86_400_000;

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`demo seed: no ${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The demo's data, made the way an office makes it: slash commands typed by staff in Slack, people
 * adding the office on LINE, sending their codes and agreeing, messages, a reply through 返信, records,
 * a placement, reminders. The clock is set back for what lies in the past (the cases were opened ten
 * days ago, a reminder was due yesterday), then returns to now: what is due fires through its real path.
 */
export async function runSeed(c: SeedContext): Promise<void> {
  const start = c.clock.nowMs();
  const offset = c.clock.offset;
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: c.timeZone });
  const at = (daysAgo: number, hour: number, minute = 0) =>
    local(start - daysAgo * DAY)
      .set({ hour, minute, second: 0, millisecond: 0 })
      .toMillis();
  const moveTo = async (ms: number) => {
    await c.settle();
    c.clock.set(ms);
  };

  /** Runs a command as a staff member and returns the bot's answer to them (ephemeral). */
  const command = async (user: string, channel: string, line: string): Promise<string> => {
    const before = c.workspace.state.ephemerals.length;
    await c.people.runCommand(user, channel, line);
    const answer = await waitFor(`answer to ${line.split(' ').slice(0, 2).join(' ')}`, () =>
      c.workspace.state.ephemerals.slice(before).find((e) => e.user === user && e.from === 'bot'),
    );
    return answer.text;
  };
  const botReplies = (userId: string) => c.account.chat(userId).filter((m) => m.from === 'bot');
  const nextBotMessage = async (userId: string, seen: number, match: (m: LineMessageObject) => boolean): Promise<LineMessageObject> =>
    (await waitFor('LINE answer', () =>
      botReplies(userId)
        .slice(seen)
        .find((m) => match(m.message)),
    ))!.message;

  const phone = (id: string) => {
    const p = PERSONAS.find((x) => x.id === id)!;
    return c.phones.addPhone({ displayName: p.displayName, persona: p.personaJa, color: p.color });
  };

  /** /case invite, then on the phone: add friend (if not yet), send the code, 同意する. */
  const link = async (staff: string, channel: string, userId: string, caseCode: string, role: string, relation = '') => {
    const answer = await command(staff, channel, `/case invite ${caseCode} ${role} ${relation}`.trim());
    const code = /\b[A-Z0-9]{4}-[A-Z0-9]{4}\b/.exec(answer)?.[0];
    if (!code) throw new Error(`demo seed: no invite code for ${caseCode}`);
    if (c.account.phone(userId)?.friendship !== 'friend') {
      const seen = botReplies(userId).length;
      await c.phones.follow(userId);
      await nextBotMessage(userId, seen, () => true);
    }
    const seen = botReplies(userId).length;
    await c.phones.sendMessage(userId, { type: 'text', text: code });
    const confirm = await nextBotMessage(userId, seen, (m) => m.type === 'template');
    const yes = ((confirm.template as { actions?: Array<Record<string, unknown>> }).actions ?? []).find((a) => a.label === '同意する');
    if (!yes) throw new Error('demo seed: no consent question');
    const seenConsent = botReplies(userId).length;
    await c.phones.tapAction(userId, yes);
    await nextBotMessage(userId, seenConsent, () => true);
  };
  const caseCode = (answer: string) => {
    const code = /C-\d{4,}/.exec(answer)?.[0];
    if (!code) throw new Error('demo seed: no case code in the answer');
    return code;
  };

  const { sato, suzuki, tanaka } = STAFF;
  const team = CHANNELS.team.id;
  const retention = CHANNELS.retention.id;

  // Ten days ago: the cases are opened and the people linked.
  c.onStep('cases');
  await moveTo(at(10, 10));
  const haru = caseCode(await command(sato.id, team, '/case new ハル A型'));
  const ken = caseCode(await command(sato.id, team, '/case new ケン 移行'));
  const mina = caseCode(await command(tanaka.id, retention, '/case new ミナ 定着'));
  await command(sato.id, team, `/case supervisor ${haru} @${suzuki.name}`);
  await command(sato.id, team, `/case supervisor ${ken} @${suzuki.name}`);
  await command(tanaka.id, retention, `/case supervisor ${mina} @${suzuki.name}`);

  c.onStep('links');
  const mother = phone('haru-mother');
  const nurse = phone('nurse');
  const kenPhone = phone('ken');
  phone('haru');
  phone('mina');
  await link(sato.id, team, mother.userId, haru, '家族', '母');
  await link(sato.id, team, kenPhone.userId, ken, '本人');
  await link(sato.id, team, nurse.userId, haru, '関係機関', '訪問看護');
  await link(tanaka.id, retention, nurse.userId, mina, '関係機関', '訪問看護');

  // A week ago: the mother writes, staff answer through 返信.
  c.onStep('messages');
  await moveTo(at(7, 19, 12));
  await c.phones.sendMessage(mother.userId, {
    type: 'text',
    text: 'いつもお世話になっております。ハルの母です。\n最近は夜よく眠れているようで、朝も自分で起きられています。',
  });
  await c.settle();
  const relayed = await waitFor('relayed message', () =>
    c.workspace.state.messages.find((m) => m.channel === team && m.metadata?.event_type === 'tsunagi_message' && m.text.includes('お世話になっております')),
  );
  await moveTo(at(6, 9, 40));
  const replyButton = findButton(relayed.blocks, 'relay.reply');
  if (replyButton) {
    const views = c.workspace.state.views.length;
    await c.people.act(
      sato.id,
      { type: 'message', channel: team, ts: relayed.ts },
      { blockId: replyButton.blockId, actionId: 'relay.reply', type: 'button', value: replyButton.value, text: '返信' },
    );
    const modal = await waitFor('reply modal', () => c.workspace.state.views.slice(views).find((v) => v.user === sato.id && v.open));
    const recipient = initialOption(modal.view, 'recipient');
    if (recipient) {
      await c.people.submitView(sato.id, modal.id, {
        recipient: { value: { type: 'static_select', selected_option: recipient } },
        text: {
          value: {
            type: 'plain_text_input',
            value: 'お母さま、ご連絡ありがとうございます。事業所でも落ち着いて作業できています。引き続きよろしくお願いいたします。',
          },
        },
      });
    }
  }
  await c.phones.sendMessage(kenPhone.userId, { type: 'sticker', stickerId: '51626495' });
  await c.phones.sendMessage(kenPhone.userId, { type: 'text', text: '今日から新しいラインの担当になりました。少し緊張してます' });

  // Three days ago: records.
  c.onStep('records');
  await moveTo(at(3, 16, 30));
  await command(sato.id, team, `/update ${haru} 体調 朝から頭痛があり午後早退。本人「薬は飲んだ」。明日の出勤は電話で確認する`);
  await command(sato.id, team, `/update ${ken} 職場 職場訪問。上司より「作業は正確、報告が少し遅い」。報告のタイミングを一緒に確認した`);
  await command(tanaka.id, retention, `/update ${mina} 出勤 今月は欠勤なし。本人「仕事に慣れてきた」`);

  // Yesterday morning: a report to the employer, due yesterday afternoon (now overdue).
  c.onStep('reminders');
  await moveTo(at(1, 10));
  const yesterday = local(at(1, 10)).toISODate()!;
  await command(tanaka.id, retention, `/case remind ${mina} ${yesterday} 15:00 定着支援レポートを就職先へ送付`);

  // Now (the clock runs on from where it stood before the seed).
  await moveTo(Date.now() + offset);
  await c.clockMoved();
  const placed = local(start).minus({ months: 4 }).toISODate()!;
  await command(sato.id, team, `/placement ${ken} ${placed} 株式会社みどり物流`);
  const monitoring = local(start).plus({ days: 20 }).toISODate()!;
  await command(sato.id, team, `/monitoring ${haru} ${monitoring}`);
  const visitDay = local(start).plus({ days: 2 }).toISODate()!;
  await command(sato.id, team, `/visit ${ken} ${visitDay} 14:00 職場訪問 @${sato.name}`);
  const soon = local(start + 2 * 60_000 + 59_000).startOf('minute');
  await command(sato.id, team, `/case remind ${haru} ${soon.toISODate()} ${soon.toFormat('HH:mm')} 母に通院の結果を電話で確認`);
  await c.settle();
  // The office's staff saw those answers as they typed; like Slack after a reload, they are gone now.
  for (const e of c.workspace.state.ephemerals) e.hidden = true;
  c.workspace.changed();
  c.onStep('done');
}

function findButton(blocks: unknown[] | undefined, actionId: string): { blockId: string; value: string } | undefined {
  for (const block of (blocks ?? []) as Array<{ type?: string; block_id?: string; elements?: Array<{ action_id?: string; value?: string }> }>) {
    const button = block.type === 'actions' ? block.elements?.find((e) => e.action_id === actionId) : undefined;
    if (button) return { blockId: block.block_id ?? '', value: button.value ?? '' };
  }
  return undefined;
}

function initialOption(view: Record<string, unknown>, blockId: string): { text: { type: 'plain_text'; text: string }; value: string } | undefined {
  const block = (view.blocks as Array<{ block_id?: string; element?: { initial_option?: { text: { text: string }; value: string } } }>).find(
    (b) => b.block_id === blockId,
  );
  const option = block?.element?.initial_option;
  return option ? { text: { type: 'plain_text', text: option.text.text }, value: option.value } : undefined;
}

import { joinMrkdwn, md, type Mrkdwn } from '../mrkdwn.js';

/**
 * Staff-facing text about LINE linking in case channels shared with other organisations (Slack
 * Connect). `names`: the other organisations' names (or team ids when Slack gives no name); other
 * workspaces choose them, so they are escaped like anything else not written here.
 */
const list = (names: string[], none: string, sep: string): Mrkdwn | string => (names.length > 0 ? joinMrkdwn(names, sep) : none);

const ja = {
  sharedChannelNote: (names: string[]) =>
    md`⚠️ このチャンネルは Slack Connect で外部の組織（${list(names, '名称不明', '、')}）と共有されています。LINEで連携する方には、同意の確認のときに、メッセージがこれらの組織にも見えることをお伝えします。`,
  sharedChannelNoLinking: (names: string[]) =>
    md`⚠️ このチャンネルは Slack Connect で外部の組織（${list(names, '名称不明', '、')}）と共有されているため、このチャンネルのケースではLINE連携（\`/case invite\`）ができません（設定 SHARED_CHANNEL_LINKING=refuse）。`,
  inviteRefusedShared: (names: string[]) =>
    md`このチャンネルは Slack Connect で外部の組織（${list(names, '名称不明', '、')}）と共有されているため、LINE連携の招待コードは発行できません（設定 SHARED_CHANNEL_LINKING=refuse）。外部と共有していないチャンネルでケースを作成するか、管理者に相談してください。`,
  linkRefusedNotice: (names: string[]) =>
    md`⚠️ LINEから連携の申し込みがありましたが、このチャンネルが Slack Connect で外部の組織（${list(names, '名称不明', '、')}）と共有されているため、連携しませんでした（設定 SHARED_CHANNEL_LINKING=refuse）。相手の方には、連携できないことをお伝えしました。`,
  sharingCheckFailed: (reason: string) =>
    md`チャンネルが外部と共有されているかを Slack で確認できませんでした（${reason}）。少し待ってからもう一度実行してください。`,
};

export type LinkingText = typeof ja;

const en: LinkingText = {
  sharedChannelNote: (names: string[]) =>
    md`⚠️ This channel is shared through Slack Connect with other organisations (${list(names, 'name unknown', ', ')}). People linking on LINE are told, in the consent question, that these organisations will also see their messages.`,
  sharedChannelNoLinking: (names: string[]) =>
    md`⚠️ This channel is shared through Slack Connect with other organisations (${list(names, 'name unknown', ', ')}), so cases here cannot be linked to LINE (\`/case invite\`; setting SHARED_CHANNEL_LINKING=refuse).`,
  inviteRefusedShared: (names: string[]) =>
    md`This channel is shared through Slack Connect with other organisations (${list(names, 'name unknown', ', ')}), so no LINE link code can be issued (setting SHARED_CHANNEL_LINKING=refuse). Create the case in a channel that is not shared, or ask your administrator.`,
  linkRefusedNotice: (names: string[]) =>
    md`⚠️ Someone asked on LINE to link to this case, but this channel is shared through Slack Connect with other organisations (${list(names, 'name unknown', ', ')}), so they were not linked (setting SHARED_CHANNEL_LINKING=refuse). They were told that linking is not possible.`,
  sharingCheckFailed: (reason: string) => md`Could not check with Slack whether this channel is shared (${reason}). Please try again shortly.`,
};

export const linkingText = { ja, en };

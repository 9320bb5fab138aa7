import {
  APP_HOME,
  APP_IDENTITY,
  APP_SETTINGS,
  BOT_EVENTS,
  BOT_EVENTS_WHY,
  BOT_SCOPES,
  MESSAGE_SHORTCUTS,
  PLACEHOLDER_PUBLIC_URL,
  SLACK_REQUEST_PATH,
  SLASH_COMMANDS,
  type MessageShortcutSpec,
  type ScopeSpec,
  type SlashCommandSpec,
} from './app-manifest.js';

/**
 * The Slack app manifest (YAML, with comments for the admin who pastes it) from the registry in
 * app-manifest.ts, with every URL on `publicUrl`. `npm run manifest` prints it; the committed
 * slack-app-manifest.yml is this for the placeholder address (a test keeps them equal).
 */
export function renderSlackManifest(publicUrl: string = PLACEHOLDER_PUBLIC_URL): string {
  const requestUrl = `${publicUrl.replace(/\/+$/, '')}${SLACK_REQUEST_PATH}`;
  const placeholder = publicUrl === PLACEHOLDER_PUBLIC_URL;
  const lines: string[] = [
    '# Slack app manifest for Tsunagi. Create the app at api.slack.com/apps > Create New App > From a manifest.',
    placeholder
      ? `# Replace ${PLACEHOLDER_PUBLIC_URL} with your public address (every url below), or print it with yours: PUBLIC_URL=https://… npm run -s manifest`
      : `# Made by \`npm run manifest\` for ${publicUrl}.`,
    '# What it lists is what src/slack/app-manifest.ts says the app registers and needs (generated from it; a test compares them).',
    'display_information:',
    `  name: ${scalar(APP_IDENTITY.name)}`,
    `  description: ${scalar(APP_IDENTITY.description)}`,
    `  background_color: ${scalar(APP_IDENTITY.backgroundColor)}`,
    'features:',
    '  app_home:',
    `    home_tab_enabled: ${APP_HOME.homeTabEnabled}`,
    ...APP_HOME.why.map((why) => `    # ${why}`),
    `    messages_tab_enabled: ${APP_HOME.messagesTabEnabled}`,
    `    messages_tab_read_only_enabled: ${APP_HOME.messagesTabReadOnly}`,
    '  bot_user:',
    `    display_name: ${scalar(APP_IDENTITY.botDisplayName)}`,
    `    always_online: ${APP_IDENTITY.alwaysOnline}`,
    '  slash_commands:',
    ...(Object.values(SLASH_COMMANDS) as SlashCommandSpec[]).flatMap((c) => [
      `    - command: ${scalar(c.command)}`,
      `      url: ${scalar(requestUrl)}`,
      `      description: ${quoted(c.description)}`,
      `      usage_hint: ${quoted(c.usageHint)}`,
      `      should_escape: ${c.shouldEscape}${c.shouldEscapeWhy ? ` # ${c.shouldEscapeWhy}` : ''}`,
    ]),
    '  shortcuts:',
    ...(Object.values(MESSAGE_SHORTCUTS) as MessageShortcutSpec[]).flatMap((s) => [
      `    - name: ${scalar(s.name)}`,
      '      type: message',
      `      callback_id: ${scalar(s.callbackId)}`,
      `      description: ${quoted(s.description)}`,
    ]),
    'oauth_config:',
    '  scopes:',
    '    bot:',
    ...(Object.entries(BOT_SCOPES) as Array<[string, ScopeSpec]>).map(([scope, spec]) => `      - ${scalar(scope)} # ${spec.why}`),
    'settings:',
    ...(BOT_EVENTS.length === 0
      ? [`  # ${BOT_EVENTS_WHY}`]
      : [
          `  # ${BOT_EVENTS_WHY}`,
          '  event_subscriptions:',
          `    request_url: ${scalar(requestUrl)}`,
          '    bot_events:',
          ...BOT_EVENTS.map((e) => `      - ${scalar(e)}`),
        ]),
    '  interactivity:',
    '    is_enabled: true',
    `    request_url: ${scalar(requestUrl)}`,
    `  org_deploy_enabled: ${APP_SETTINGS.orgDeployEnabled}`,
    `  socket_mode_enabled: ${APP_SETTINGS.socketModeEnabled}`,
    `  token_rotation_enabled: ${APP_SETTINGS.tokenRotationEnabled}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** A double-quoted YAML scalar: a JSON string is one (same escapes), so any text is safe. */
function quoted(value: string): string {
  return JSON.stringify(value);
}

/** Plain when YAML reads it back as the same string (names, ids, URLs, scopes), else double-quoted. */
function scalar(value: string): string {
  const plain =
    /^[\p{L}/][\p{L}\p{N} ./:@_-]*$/u.test(value) && !value.endsWith(' ') && !value.includes(': ') && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value);
  return plain ? value : quoted(value);
}

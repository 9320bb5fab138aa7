import jsQR from 'jsqr';
import { useState } from 'preact/hooks';
import type { LinePhone } from '../../shared/line-types.js';
import { act } from '../api.js';
import { useT } from '../i18n.js';
import { useUi } from '../ui.js';

/** Reads the QR code in a picture (a Slack file) in the browser. */
async function readQr(url: string): Promise<string | undefined> {
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const ctx = canvas.getContext('2d');
  if (!ctx) return undefined;
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(data.data, data.width, data.height)?.data;
}

/** Not a friend yet: the office's profile with 追加, or the staff's invite link / QR code. */
export function AddFriend({ phone }: { phone: LinePhone }) {
  const ui = useUi();
  const t = useT();
  const [link, setLink] = useState('');
  const [problem, setProblem] = useState('');
  const { bot } = ui.snapshot.line;
  const qrFiles = ui.snapshot.slack.files.filter((f) => !f.deleted && f.completed && f.mimetype === 'image/png' && f.name.startsWith('invite-'));
  const scan = async () => {
    setProblem('');
    const newest = qrFiles[qrFiles.length - 1];
    if (!newest) return setProblem(t.noQr);
    // A picture that cannot be loaded or decoded is unreadable, as on a phone: said just below (t.qrFailed).
    const text = await readQr(`/slack-files/${newest.id}`).catch(() => undefined /* unreadable: qrFailed below */);
    if (!text) return setProblem(t.qrFailed);
    ui.openLineLink(text);
  };
  return (
    <div class="ln-add-friend" data-testid="line-add-friend">
      <div class="ln-profile">
        <span class="ln-oa-avatar">つ</span>
        <b>{bot.displayName}</b>
        <small>
          {t.officialAccount} · {bot.basicId}
        </small>
        <button type="button" class="ln-primary" onClick={() => void act('line/follow', { userId: phone.userId })}>
          {phone.friendship === 'blocked' ? t.unblock : t.addFriend}
        </button>
      </div>
      <p class="ln-help">{t.addFriendHelp}</p>
      <div class="ln-link-row">
        <input value={link} placeholder="https://line.me/R/…" aria-label={t.inviteLink} onInput={(e) => setLink((e.target as HTMLInputElement).value)} />
        <button type="button" onClick={() => link && ui.openLineLink(link.trim())}>
          {t.open}
        </button>
      </div>
      <button type="button" class="ln-secondary" onClick={() => void scan()}>
        ▣ {t.scanQr}
      </button>
      {problem ? <p class="ln-problem">{problem}</p> : null}
    </div>
  );
}

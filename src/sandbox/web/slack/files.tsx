import type { SlackFileRecord } from '../../shared/slack-types.js';
import { useT } from '../i18n.js';

/** Files shared in a message: images inline, anything else as a card with a download link. */
export function Files({ ids, files }: { ids: string[]; files: SlackFileRecord[] }) {
  const t = useT();
  return (
    <div class="sk-files">
      {ids.map((id) => {
        const f = files.find((x) => x.id === id);
        if (!f || f.deleted) return null;
        const url = `/slack-files/${f.id}`;
        if (f.mimetype.startsWith('image/')) {
          return (
            <figure key={id} class="sk-file-image">
              <figcaption>{f.title}</figcaption>
              <a href={url} target="_blank" rel="noreferrer">
                <img src={url} alt={f.title} data-file-name={f.name} />
              </a>
            </figure>
          );
        }
        return (
          <a key={id} class="sk-file-card" href={`${url}?download=1`} download={f.name}>
            <span class="sk-file-icon">{f.name.endsWith('.csv') ? '📊' : f.name.endsWith('.pdf') ? '📕' : '📄'}</span>
            <span class="sk-file-meta">
              <b>{f.title}</b>
              <small>
                {f.name} · {Math.max(1, Math.round(f.size / 1024))} KB · {t.download}
              </small>
            </span>
          </a>
        );
      })}
    </div>
  );
}

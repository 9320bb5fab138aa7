import { useState } from 'preact/hooks';
import { PERSONAS } from '../../shared/catalog.js';
import { act } from '../api.js';
import { useLang, useT } from '../i18n.js';
import { useUi } from '../ui.js';
import { Phone } from './phone.js';

function AddPhone({ onDone }: { onDone: () => void }) {
  const ui = useUi();
  const t = useT();
  const lang = useLang();
  const taken = new Set(ui.snapshot.line.phones.map((p) => p.displayName));
  const presets = PERSONAS.filter((p) => !taken.has(p.displayName));
  const [persona, setPersona] = useState('');
  const [name, setName] = useState('');
  const add = async (o: { persona: string; displayName: string; color: string }) => {
    const before = new Set(ui.snapshot.line.phones.map((p) => p.userId));
    await act('line/phone', o);
    onDone();
    // The new phone is in hand as soon as it shows up.
    setTimeout(() => {
      const added = ui.snapshot.line.phones.find((p) => !before.has(p.userId));
      if (added) ui.set({ phone: added.userId });
    }, 300);
  };
  return (
    <div class="ln-add-phone" data-testid="add-phone">
      {presets.map((p) => (
        <button
          key={p.id}
          type="button"
          class="ln-persona"
          onClick={() => void add({ persona: lang === 'ja' ? p.personaJa : p.personaEn, displayName: p.displayName, color: p.color })}
        >
          <span class="ln-persona-avatar" style={{ background: p.color }}>
            {p.displayName.slice(0, 1)}
          </span>
          <span>
            <b>{p.displayName}</b>
            <small>{lang === 'ja' ? p.personaJa : p.personaEn}</small>
          </span>
        </button>
      ))}
      <div class="ln-custom">
        <b>{t.personaCustom}</b>
        <input
          placeholder={lang === 'ja' ? '例: 相談支援専門員' : 'e.g. care planner'}
          aria-label={t.persona}
          value={persona}
          onInput={(e) => setPersona((e.target as HTMLInputElement).value)}
        />
        <input
          placeholder={lang === 'ja' ? '例: 木村 さとみ' : 'e.g. Satomi Kimura'}
          aria-label={t.displayName}
          value={name}
          onInput={(e) => setName((e.target as HTMLInputElement).value)}
        />
        <button
          type="button"
          class="ln-primary"
          disabled={!name.trim()}
          onClick={() => void add({ persona: persona.trim() || name.trim(), displayName: name.trim(), color: '#6c757d' })}
        >
          {t.add}
        </button>
      </div>
      <button type="button" class="ln-secondary" onClick={onDone}>
        {t.cancel}
      </button>
    </div>
  );
}

/** The LINE side: the phones in the demo (each a person), one in hand. */
export function LineApp() {
  const ui = useUi();
  const t = useT();
  const [adding, setAdding] = useState(false);
  const { phones } = ui.snapshot.line;
  const current = phones.find((p) => p.userId === ui.phone) ?? phones[0];
  return (
    <div class="ln-app">
      <div class="ln-tabs" role="tablist" aria-label={t.phones}>
        {phones.map((p) => {
          return (
            <button
              key={p.userId}
              type="button"
              role="tab"
              aria-selected={p.userId === current?.userId}
              class={`ln-tab${p.userId === current?.userId ? ' ln-tab-on' : ''}`}
              data-phone-tab={p.displayName}
              onClick={() => ui.set({ phone: p.userId })}
            >
              <span class="ln-persona-avatar" style={{ background: p.color }}>
                {p.displayName.slice(0, 1)}
              </span>
              <span class="ln-tab-text">
                <b>{p.displayName}</b>
                <small>{p.persona}</small>
              </span>
              {p.friendship !== 'friend' ? <span class="ln-tab-state">{p.friendship === 'blocked' ? '⛔' : '＋'}</span> : null}
            </button>
          );
        })}
        <button type="button" class="ln-tab ln-tab-add" onClick={() => setAdding(true)}>
          {t.addPhone}
        </button>
      </div>
      {adding ? <AddPhone onDone={() => setAdding(false)} /> : current ? <Phone key={current.userId} phone={current} /> : null}
    </div>
  );
}

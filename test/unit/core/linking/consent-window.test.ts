import { describe, expect, it } from 'vitest';
import { consentCovers, eventTime } from '../../../../src/core/linking/consent-window.js';

const t = (iso: string) => new Date(iso);
const link = (o: { status?: 'active' | 'withdrawn' | 'pending_consent'; given?: string | null; withdrawn?: string | null }) => ({
  status: o.status ?? 'active',
  consentGivenAt: o.given === null ? null : t(o.given ?? '2026-12-01T10:00:00Z'),
  consentWithdrawnAt: o.withdrawn ? t(o.withdrawn) : null,
});

describe('consent window', () => {
  it('dates an event by its own LINE timestamp, else by the fallback', () => {
    const fallback = t('2030-01-01T00:00:00Z');
    expect(eventTime({ timestamp: Date.parse('2026-12-01T10:00:00Z') }, fallback)).toEqual(t('2026-12-01T10:00:00Z'));
    expect(eventTime({}, fallback)).toBe(fallback);
    expect(eventTime({ timestamp: Number.NaN }, fallback)).toBe(fallback);
  });

  it('relays a message sent at or after consent through an active link', () => {
    expect(consentCovers(link({}), t('2026-12-01T10:00:00Z'))).toBe(true);
    expect(consentCovers(link({}), t('2026-12-01T10:00:01Z'))).toBe(true);
  });

  it('never relays a message sent before consent, whenever it is handled', () => {
    expect(consentCovers(link({}), t('2026-12-01T09:59:59.999Z'))).toBe(false);
  });

  it('relays nothing through a link that is not active now, nor one without a consent time', () => {
    expect(consentCovers(link({ status: 'withdrawn', withdrawn: '2026-12-02T00:00:00Z' }), t('2026-12-01T12:00:00Z'))).toBe(false);
    expect(consentCovers(link({ status: 'pending_consent', given: null }), t('2026-12-01T12:00:00Z'))).toBe(false);
    expect(consentCovers(link({ given: null }), t('2026-12-01T12:00:00Z'))).toBe(false);
  });

  it('does not relay a message sent after a recorded withdrawal', () => {
    expect(consentCovers(link({ withdrawn: '2026-12-01T11:00:00Z' }), t('2026-12-01T11:00:00Z'))).toBe(false);
    expect(consentCovers(link({ withdrawn: '2026-12-01T11:00:00Z' }), t('2026-12-01T10:30:00Z'))).toBe(true);
  });
});

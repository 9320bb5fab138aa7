/** One scrape of /metrics, parsed: the text as served and each sample's value by name and labels. */
export interface Scrape {
  status: number;
  contentType: string | null;
  text: string;
  samples: Array<{ name: string; labels: Record<string, string>; value: number }>;
  /** The sample whose labels include `labels` (0 when there is none, as Prometheus reads an absent counter). */
  value(name: string, labels?: Record<string, string>): number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseMetrics(text: string): Scrape['samples'] {
  const samples: Scrape['samples'] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(LABEL)) labels[l[1] as string] = l[2] as string;
    samples.push({ name: m[1] as string, labels, value: Number(m[3]) });
  }
  return samples;
}

/** GETs `url` (with `Authorization: Bearer <token>` when given) and parses a 200's body. */
export async function scrape(url: string, token?: string): Promise<Scrape> {
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  const samples = res.status === 200 ? parseMetrics(text) : [];
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    text,
    samples,
    value(name, labels = {}) {
      const found = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
      return found?.value ?? 0;
    },
  };
}

/** Scrapes until `ready` holds (the work being counted happens in workers, a moment after what the test waits for). */
export async function scrapeUntil(scrapeOnce: () => Promise<Scrape>, ready: (s: Scrape) => boolean, timeoutMs = 10_000): Promise<Scrape> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = await scrapeOnce();
    if (ready(s)) return s;
    if (Date.now() > deadline) throw new Error(`the metrics did not show what was expected within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

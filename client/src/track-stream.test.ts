import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TRACK_STREAM, type TrackUpdate } from '@giliran/shared';
import { afterStreamClosed, followTicket, reopenDelay, REOPEN_BACKOFF } from './track-stream.ts';
import { answerPhoneSurvey, checkPhoneSurvey } from './phone-survey.ts';

const update = (at: number): TrackUpdate => ({
  number: 'A012',
  status: 'waiting',
  serviceName: { id: 'Paspor', en: 'Passport' },
  stageName: { id: 'Verifikasi', en: 'Check' },
  peopleAhead: 3,
  estimatedWaitMinutes: 9,
  counterNumber: null,
  recalls: 0,
  at,
  timeZone: 'Asia/Makassar',
});

describe('reopening a refused stream', () => {
  it('waits 2 s first, then longer, never more than 15 s', () => {
    const low = (n: number) => reopenDelay(n, () => 0);
    const high = (n: number) => reopenDelay(n, () => 1);
    expect([0, 1, 2, 3, 4, 10, 60].map(low)).toEqual([2_000, 2_000, 4_000, 7_500, 7_500, 7_500, 7_500]);
    expect([0, 1, 2, 3, 4, 10, 60].map(high)).toEqual([2_000, 4_000, 8_000, 15_000, 15_000, 15_000, 15_000]);
    expect(REOPEN_BACKOFF.firstMs).toBe(TRACK_STREAM.retryMs);
  });

  it('gives up only when the ticket is gone (404)', () => {
    expect(afterStreamClosed(404)).toBe('unknown');
    for (const status of [200, 502, 503, 500, null]) expect(afterStreamClosed(status)).toBe('retry');
  });
});

/** The browser's EventSource, as far as followTicket uses it (Node has none). */
class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  // What the server and the browser do to it:
  opened() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  emit(type: string, data: unknown) {
    this.dispatchEvent(new MessageEvent(type, { data: JSON.stringify(data) }));
  }
  /** A network error (the browser reconnects by itself) or a non-200 answer (it gives up). */
  failed(givesUp: boolean) {
    if (this.readyState === FakeEventSource.CLOSED) return; // closed by the page: silent for good
    this.readyState = givesUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.();
  }
}

function follow() {
  const seen: string[] = [];
  const handle = followTicket('tok_12345678', {
    update: (u) => seen.push(`update ${u.at}`),
    connected: (on) => seen.push(on ? 'connected' : 'disconnected'),
    unknown: () => seen.push('unknown'),
    replaced: () => seen.push('replaced'),
  });
  return { seen, handle, latest: () => FakeEventSource.all.at(-1)! };
}

describe('followTicket', () => {
  const answers: (number | null)[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    FakeEventSource.all = [];
    answers.length = 0;
    vi.stubGlobal('EventSource', FakeEventSource);
    // GET /api/track/:token answers with the next status queued (null: the network is down).
    vi.stubGlobal(
      'fetch',
      vi.fn((url: string) => {
        expect(url).toBe('/api/track/tok_12345678');
        const status = answers.shift() ?? null;
        if (status === null) return Promise.reject(new TypeError('Failed to fetch'));
        return Promise.resolve(Response.json(status === 200 ? update(50) : {}, { status }));
      }),
    );
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('passes updates on and says when the stream is up or down', () => {
    const { seen, latest } = follow();
    expect(latest().url).toBe('/api/track/tok_12345678/events');
    latest().opened();
    latest().emit(TRACK_STREAM.update, update(1));
    latest().failed(false); // the browser reconnects by itself: nothing to do
    latest().opened();
    latest().emit(TRACK_STREAM.update, update(2));
    expect(seen).toEqual(['connected', 'update 1', 'disconnected', 'connected', 'update 2']);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('stops for good on `ended`, without reconnecting or asking', async () => {
    const { seen, latest } = follow();
    latest().opened();
    latest().emit(TRACK_STREAM.ended, { code: 'tracking_unknown', message: '…' });
    // The server's close right after, should the browser report it before the page's close().
    latest().onerror?.();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual(['connected', 'unknown']);
    expect(latest().readyState).toBe(FakeEventSource.CLOSED);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('stops for good when newer pages of the ticket replaced this one, and says so', async () => {
    const { seen, latest } = follow();
    latest().opened();
    latest().emit(TRACK_STREAM.ended, { code: 'tracking_replaced', message: '…' });
    latest().onerror?.();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual(['connected', 'replaced']);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('a refused stream of a gone ticket (404) ends in unknown()', async () => {
    const { seen, latest } = follow();
    answers.push(404);
    latest().failed(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(seen).toEqual(['disconnected', 'unknown']);
    expect(FakeEventSource.all).toHaveLength(1);
  });

  it('a refused stream of a known ticket (503 busy, no network) is reopened later, backing off', async () => {
    const { seen, latest } = follow();
    answers.push(200, null);
    latest().failed(true); // e.g. 503 server_busy; the GET still shows the ticket
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual(['disconnected', 'update 50']);
    await vi.advanceTimersByTimeAsync(REOPEN_BACKOFF.firstMs);
    expect(FakeEventSource.all).toHaveLength(2);
    latest().failed(true); // refused again, and the GET gets no answer: wait longer
    await vi.advanceTimersByTimeAsync(REOPEN_BACKOFF.firstMs - 1);
    expect(FakeEventSource.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(2 * REOPEN_BACKOFF.firstMs);
    expect(FakeEventSource.all).toHaveLength(3);
    latest().opened();
    latest().emit(TRACK_STREAM.update, update(60));
    expect(seen.slice(2)).toEqual(['disconnected', 'connected', 'update 60']);
  });

  it('close() stops everything, a pending reopen included', async () => {
    const { seen, handle, latest } = follow();
    answers.push(503);
    latest().failed(true);
    await vi.advanceTimersByTimeAsync(0);
    handle.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.all).toHaveLength(1);
    expect(seen).toEqual(['disconnected']);
  });
});

describe('the phone survey over HTTP', () => {
  afterEach(() => vi.unstubAllGlobals());
  const reply = (response: Response | Error) =>
    vi.stubGlobal(
      'fetch',
      vi.fn(() => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response))),
    );

  it('returns the ticket, or fails like a socket request: code and message fit for the screen', async () => {
    const ticket = { number: 'A012', serviceId: 'paspor', status: 'open' };
    reply(Response.json({ ticket }));
    await expect(checkPhoneSurvey('tok_12345678')).resolves.toEqual({ ticket });
    const refusal = {
      code: 'survey_already_answered',
      message: 'Survei … sudah diisi.',
      params: { number: 'A012' },
    };
    reply(Response.json({ error: refusal }, { status: 409 }));
    await expect(answerPhoneSurvey('tok_12345678', [4, 4, 4, 4, 4, 4, 4, 4, 4])).rejects.toMatchObject({
      name: 'ServerError',
      code: 'survey_already_answered',
      params: { number: 'A012' },
    });
    reply(new TypeError('Failed to fetch'));
    await expect(checkPhoneSurvey('tok_12345678')).rejects.toMatchObject({
      code: 'offline',
      message: 'Koneksi ke server terputus. Periksa jaringan lalu coba lagi.',
    });
    // No answer within the request's time limit (AbortSignal.timeout rejects with a TimeoutError).
    reply(new DOMException('The operation timed out.', 'TimeoutError'));
    await expect(checkPhoneSurvey('tok_12345678')).rejects.toMatchObject({ code: 'no_answer' });
    reply(new Response('<html>Bad gateway</html>', { status: 502 }));
    await expect(checkPhoneSurvey('tok_12345678')).rejects.toMatchObject({ code: 'offline' });
  });

  it('posts the answers as JSON to the token’s own survey', async () => {
    reply(Response.json({ ticket: { number: 'A012', serviceId: 'paspor', status: 'answered' } }));
    await answerPhoneSurvey('tok_12345678', [1, 2, 3, 4, 4, 3, 2, 1, 4]);
    const [url, init] = vi.mocked(fetch).mock.calls[0]!;
    expect(url).toBe('/api/track/tok_12345678/survey');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(init?.body as string)).toEqual({ answers: [1, 2, 3, 4, 4, 3, 2, 1, 4] });
  });
});

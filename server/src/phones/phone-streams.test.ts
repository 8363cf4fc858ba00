import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackUpdate } from '@giliran/shared';
import { PhoneStreams, type PhoneStream } from './phone-streams.ts';

/** An update padded to `bytes`, so a few of them fill a socket's buffers. */
const bulky = (bytes: number): TrackUpdate => ({
  number: 'F001',
  status: 'waiting',
  serviceName: { id: 'x'.repeat(bytes), en: 'x' },
  stageName: { id: 'Informasi', en: 'Information' },
  peopleAhead: 3,
  estimatedWaitMinutes: 9,
  counterNumber: null,
  recalls: 0,
  at: 0,
  timeZone: 'Asia/Makassar',
});

/**
 * The open streams on a real HTTP server on a loopback port: a phone that stops reading is let go
 * once its unread data piles up, a phone that reads is kept.
 */
describe('phone streams', () => {
  let server: Server | null = null;
  afterEach(() => new Promise<void>((ok) => (server ? server.close(() => ok()) : ok())));

  /** A server whose every request becomes a stream of one ticket; resolves with them as they open. */
  async function serve(streams: PhoneStreams) {
    const opened: PhoneStream[] = [];
    server = createServer((req, res) => opened.push(streams.start(req, res, 'ticket-1')));
    await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', () => ok()));
    const { port } = server.address() as AddressInfo;
    const open = () =>
      new Promise<IncomingMessage>((ok) => get({ host: '127.0.0.1', port, path: '/', agent: false }, ok));
    return { opened, open };
  }

  it('lets go of a phone that stops reading, and keeps one that reads', async () => {
    const streams = new PhoneStreams(() => Date.now(), { perTicket: 4, total: 10 });
    const { opened, open } = await serve(streams);
    const reader = await open();
    let read = 0;
    reader.on('data', (c: Buffer) => (read += c.length));
    const stalled = await open();
    stalled.pause(); // the page is frozen: nothing read from here on
    const [readerStream, stalledStream] = opened as [PhoneStream, PhoneStream];
    let stalledAccepted = 0;
    // 64 KB an event, one event per turn: a reader keeps up; the stalled phone's buffers fill.
    for (let i = 0; i < 400 && streams.size === 2; i++) {
      expect(streams.send(readerStream, bulky(64 * 1024))).toBe(true);
      if (streams.send(stalledStream, bulky(64 * 1024))) stalledAccepted++;
      await new Promise((r) => setImmediate(r));
    }
    expect(streams.size).toBe(1);
    expect(streams.list()).toEqual([readerStream]);
    expect(streams.send(stalledStream, bulky(10))).toBe(false);
    // It was let go only once the kernel's buffers were full too (61 events of 64 KB on loopback
    // here), not at the first event that did not leave at once.
    expect(stalledAccepted).toBeGreaterThan(2);
    expect(read).toBeGreaterThan(0);
    reader.destroy();
    stalled.destroy();
    streams.closeAll();
  });
});

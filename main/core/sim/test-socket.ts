/**
 * Test support: a `ws` client that buffers what it receives and lets a test await a specific
 * reply or frame (no sleeps), plus a probe for refused upgrades.
 */
import WebSocket from 'ws';

type Message = { id?: unknown; method?: string; params?: { channel?: string; data?: unknown }; result?: unknown; error?: { code: number; message: string } };

export class TestSocket {
  private readonly inbox: Message[] = [];
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private nextId = 0;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as Message;
      const i = this.waiters.findIndex((w) => w.match(message));
      if (i >= 0) this.waiters.splice(i, 1)[0].resolve(message);
      else this.inbox.push(message);
    });
    this.closed = new Promise((resolve) => ws.on('close', (code) => resolve(code)));
  }

  static open(url: string, options: WebSocket.ClientOptions = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options);
      const socket = new TestSocket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  next(match: (m: Message) => boolean): Promise<Message> {
    const i = this.inbox.findIndex(match);
    if (i >= 0) return Promise.resolve(this.inbox.splice(i, 1)[0]);
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  rpc(method: string, params: unknown): Promise<Message> {
    const id = ++this.nextId;
    this.ws.send(JSON.stringify({ jsonrpc: '2.0', method, params, id }));
    return this.next((m) => m.id === id);
  }

  /** The next data frame on `channel` whose data satisfies `match`. */
  async frame<T = Record<string, unknown>>(channel: string, match: (data: T) => boolean = () => true): Promise<T> {
    const m = await this.next((x) => x.method === 'subscription' && x.params?.channel === channel && match(x.params.data as T));
    return m.params!.data as T;
  }

  /** Every buffered data frame on `channel`, consumed. */
  drain(channel: string): unknown[] {
    const taken = this.inbox.filter((m) => m.method === 'subscription' && m.params?.channel === channel);
    for (const m of taken) this.inbox.splice(this.inbox.indexOf(m), 1);
    return taken.map((m) => m.params!.data);
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Resolves with the HTTP status of a refused WebSocket upgrade; rejects if the upgrade succeeds. */
export function upgradeRefusal(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.once('error', () => undefined);
  });
}

/**
 * Socket Mode on the double. `apps.connections.open` hands out a one-use `ws://…/socket/<ticket>`
 * URL served by the double's own HTTP server; tests then push envelopes down the socket and await
 * the app's acknowledgement, which must come within Slack's 3 seconds.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type Dict, isDict } from './dict.ts';
import type { DoubleIdentity } from './identity.ts';
import { acceptWebSocket, rejectUpgrade, type ServerWebSocket } from './websocket.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

/** What the app sent back for an envelope: `payload` holds whatever it passed to `ack()`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Dict;
}

export interface EnvelopeOptions {
  /** How long to wait for the ack. Default 3000 ms, Slack's deadline. */
  timeoutMs?: number;
}

export interface SocketModeDouble {
  /** Connections that completed the handshake and have not started closing. */
  readonly connected: number;
  /** Sends slash-command fields (as in the HTTP form, e.g. `slashCommandForm()`) in a `slash_commands` envelope. */
  sendSlashCommand(fields: Dict, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Sends an interaction payload (block_actions, view_submission…) in an `interactive` envelope. */
  sendInteractive(payload: Dict, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Sends an `event_callback` body (e.g. `eventEnvelope()`) in an `events_api` envelope. */
  sendEvent(eventCallback: Dict, options?: EnvelopeOptions): Promise<SocketAck>;
  /** Slack's `disconnect` message, sent before it recycles a connection: the client should reconnect. */
  requestReconnect(reason?: string): void;
  /** Every JSON message the app sent over any socket, oldest first. */
  readonly received: readonly Dict[];
}

const ACK_TIMEOUT_MS = 3000;

interface PendingAck {
  resolve(ack: SocketAck): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class SocketHub implements SocketModeDouble {
  private readonly tickets = new Set<string>();
  /** Open connections, oldest first. */
  private readonly open = new Set<ServerWebSocket>();
  /** Every connection whose TCP socket is still up, so close() can wait for all of them. */
  private readonly live = new Set<ServerWebSocket>();
  private readonly pending = new Map<string, PendingAck>();
  readonly received: Dict[] = [];

  constructor(
    private readonly identity: DoubleIdentity,
    private readonly origin: () => string,
  ) {}

  get connected(): number {
    return this.open.size;
  }

  /** A fresh WebSocket URL for `apps.connections.open`. */
  issueUrl(): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${this.origin().replace(/^http/, 'ws')}socket/${ticket}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const ticket = /^\/socket\/([^/]+)$/.exec(path)?.[1];
    // One URL, one connection, as with Slack: a reconnecting client has to call apps.connections.open again.
    if (!ticket || !this.tickets.delete(ticket)) {
      rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    const connection = acceptWebSocket(req, socket, head, {
      onText: (text) => this.onMessage(text),
      onClose: (closing) => this.open.delete(closing),
    });
    if (!connection?.open) return;
    this.open.add(connection);
    this.live.add(connection);
    void connection.closed.then(() => this.live.delete(connection));
    // The client reports itself connected (and Bolt's app.start() resolves) only on this message.
    connection.sendText(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: 'slack-double', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.identity.appId },
      }),
    );
  }

  sendSlashCommand(fields: Dict, options?: EnvelopeOptions): Promise<SocketAck> {
    return this.send('slash_commands', fields, true, options);
  }

  sendInteractive(payload: Dict, options?: EnvelopeOptions): Promise<SocketAck> {
    return this.send('interactive', payload, true, options);
  }

  sendEvent(eventCallback: Dict, options?: EnvelopeOptions): Promise<SocketAck> {
    return this.send('events_api', eventCallback, false, options);
  }

  requestReconnect(reason = 'refresh_requested'): void {
    const message = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'slack-double' } });
    for (const connection of this.open) connection.sendText(message);
  }

  /** Rejects unanswered envelopes and closes every socket, waiting until each is gone. */
  async closeAll(): Promise<void> {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error(`the Slack double closed before envelope ${id} was acked`));
    }
    this.pending.clear();
    const sockets = [...this.live];
    for (const connection of sockets) connection.close(1001, 'going away');
    await Promise.all(sockets.map((connection) => connection.closed));
  }

  private send(
    type: EnvelopeType,
    payload: Dict,
    acceptsResponsePayload: boolean,
    options: EnvelopeOptions = {},
  ): Promise<SocketAck> {
    // Slack spreads envelopes over an app's connections; the newest is the one least likely to be recycling.
    const target = [...this.open].at(-1);
    if (!target) return Promise.reject(new Error(`no open Socket Mode connection to send ${type} on`));
    const envelopeId = randomUUID();
    const envelope: Dict = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: acceptsResponsePayload,
    };
    if (type === 'events_api') Object.assign(envelope, { retry_attempt: 0, retry_reason: '' });
    const timeoutMs = options.timeoutMs ?? ACK_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        reject(new Error(`the app did not ack ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { resolve, reject, timer });
      target.sendText(JSON.stringify(envelope));
    });
  }

  private onMessage(text: string): void {
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      message = { unparseable: text };
    }
    if (!isDict(message)) return;
    this.received.push(message);
    const envelopeId = message['envelope_id'];
    if (typeof envelopeId !== 'string') return;
    const waiting = this.pending.get(envelopeId);
    if (!waiting) return;
    this.pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    const payload = message['payload'];
    waiting.resolve(isDict(payload) ? { envelope_id: envelopeId, payload } : { envelope_id: envelopeId });
  }
}

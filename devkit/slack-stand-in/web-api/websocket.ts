/**
 * The server half of RFC 6455, only as much as the Socket Mode double needs: the opening handshake,
 * text frames (fragmented or not), ping → pong, and the close handshake. The `ws` package is not a
 * dependency of this project (Slack's socket-mode client uses undici's WebSocket), and the double
 * must not add dependencies, so the framing is written out here.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/** Fixed by RFC 6455 §1.3; proves the server understood the handshake. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;
/** Socket Mode messages are small; anything near this is a bug, not traffic. */
const MAX_PAYLOAD = 16 * 1024 * 1024;
/** How long a closing peer gets to answer our close frame before the TCP socket is cut. */
const CLOSE_GRACE_MS = 1000;

/** Each handler gets the connection, since onClose can fire before the constructor returns. */
export interface WebSocketHandlers {
  onText(text: string, connection: ServerWebSocket): void;
  onClose(connection: ServerWebSocket): void;
}

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  size: number;
}

/** One complete frame at the start of `buffer`; undefined while more bytes are needed. */
function readFrame(buffer: Buffer): Frame | 'invalid' | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0]!;
  const second = buffer[1]!;
  // No extension was negotiated, so RSV bits must be clear; clients must mask every frame (§5.1).
  if ((first & 0x70) !== 0 || (second & 0x80) === 0) return 'invalid';
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    const long = buffer.readBigUInt64BE(2);
    if (long > BigInt(MAX_PAYLOAD)) return 'invalid';
    length = Number(long);
    offset = 10;
  }
  if (length > MAX_PAYLOAD) return 'invalid';
  const size = offset + 4 + length;
  if (buffer.length < size) return undefined;
  const mask = buffer.subarray(offset, offset + 4);
  const payload = Buffer.alloc(length);
  for (let i = 0; i < length; i += 1) payload[i] = buffer[offset + 4 + i]! ^ mask[i % 4]!;
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, size };
}

/** A single unfragmented, unmasked frame, as servers send them. */
function encodeFrame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 0x10000) {
    header = Buffer.alloc(4);
    header.writeUInt16BE(length, 2);
    header[1] = 126;
  } else {
    header = Buffer.alloc(10);
    header.writeBigUInt64BE(BigInt(length), 2);
    header[1] = 127;
  }
  header[0] = 0x80 | opcode;
  return Buffer.concat([header, payload]);
}

export class ServerWebSocket {
  private buffer: Buffer = Buffer.alloc(0);
  private fragments: Buffer[] | undefined;
  private closeSent = false;
  private graceTimer: NodeJS.Timeout | undefined;
  /** False from the moment either side starts the close handshake. */
  open = true;
  /** Resolves once the TCP socket is gone. */
  readonly closed: Promise<void>;

  constructor(
    private readonly socket: Duplex,
    private readonly handlers: WebSocketHandlers,
    head: Buffer,
  ) {
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        clearTimeout(this.graceTimer);
        this.markClosing();
        resolve();
      });
    });
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    // A reset peer is a normal way for a test client to go away; 'close' follows and is what counts.
    socket.on('error', () => socket.destroy());
    // Bytes the client sent right after its handshake came with the upgrade, not as a 'data' event.
    if (head.length > 0) this.receive(head);
  }

  sendText(text: string): void {
    if (this.open) this.socket.write(encodeFrame(OPCODE.text, Buffer.from(text, 'utf8')));
  }

  /** Starts the close handshake; the peer's answering close frame (or the grace timeout) ends the socket. */
  close(code = 1000, reason = ''): void {
    this.markClosing();
    this.sendClose(code, reason);
    this.graceTimer ??= setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const frame = readFrame(this.buffer);
      if (frame === undefined) return;
      if (frame === 'invalid') {
        this.close(1002, 'protocol error');
        this.buffer = Buffer.alloc(0);
        return;
      }
      this.buffer = this.buffer.subarray(frame.size);
      this.handle(frame);
    }
  }

  private handle(frame: Frame): void {
    switch (frame.opcode) {
      case OPCODE.text:
        if (frame.fin) this.deliver(frame.payload);
        else this.fragments = [frame.payload];
        return;
      case OPCODE.continuation:
        if (!this.fragments) return;
        this.fragments.push(frame.payload);
        if (frame.fin) {
          const whole = Buffer.concat(this.fragments);
          this.fragments = undefined;
          this.deliver(whole);
        }
        return;
      case OPCODE.ping:
        // The socket-mode client pings every few seconds and reconnects if no pong comes back.
        if (!this.closeSent) this.socket.write(encodeFrame(OPCODE.pong, frame.payload));
        return;
      case OPCODE.close: {
        this.markClosing();
        const code = frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : undefined;
        this.sendClose(code);
        // Both close frames have now crossed; the server is the side that ends TCP (§7.1.1).
        this.socket.end();
        return;
      }
      default:
        // Binary frames and pongs carry nothing Socket Mode uses.
        return;
    }
  }

  private deliver(payload: Buffer): void {
    if (this.open) this.handlers.onText(payload.toString('utf8'), this);
  }

  private sendClose(code?: number, reason = ''): void {
    if (this.closeSent || this.socket.destroyed) return;
    this.closeSent = true;
    let body = Buffer.alloc(0);
    // 1005 and 1006 only describe a missing code; they must never go on the wire (§7.4.1).
    if (code !== undefined && code !== 1005 && code !== 1006) {
      const reasonBytes = Buffer.from(reason, 'utf8');
      body = Buffer.alloc(2 + reasonBytes.length);
      body.writeUInt16BE(code, 0);
      reasonBytes.copy(body, 2);
    }
    this.socket.write(encodeFrame(OPCODE.close, body));
  }

  private markClosing(): void {
    if (!this.open) return;
    this.open = false;
    this.handlers.onClose(this);
  }
}

/**
 * Answers an HTTP upgrade request with `101 Switching Protocols`; a request that is not a version-13
 * WebSocket handshake gets `400` and undefined.
 */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  handlers: WebSocketHandlers,
): ServerWebSocket | undefined {
  const key = req.headers['sec-websocket-key'];
  const isWebSocket = (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
  if (!isWebSocket || typeof key !== 'string' || req.headers['sec-websocket-version'] !== '13') {
    rejectUpgrade(socket, 400, 'Bad Request');
    return undefined;
  }
  const accept = createHash('sha1')
    .update(key + HANDSHAKE_GUID)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\n' +
      'Upgrade: websocket\r\n' +
      'Connection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  return new ServerWebSocket(socket, handlers, head);
}

export function rejectUpgrade(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

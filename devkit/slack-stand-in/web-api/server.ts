/**
 * The loopback HTTP server: `/api/<method>` for the Web API, `/upload/v1/<file id>` for upload
 * bytes, `/response/<id>` for response_url posts, and WebSocket upgrades on `/socket/<ticket>` for
 * Socket Mode. Every Web API call is recorded, including the ones answered with an injected fault.
 */
import type { Blob } from 'node:buffer';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApiReply, type DoubleContext, slackError } from './context.ts';
import { argString, type Dict, isDict } from './dict.ts';
import type { FaultPlan } from './faults.ts';
import { checkMessageContent } from './message-content.ts';
import { parseArgs, readMultipart, readRaw, tokenOf } from './request-body.ts';
import { APP_TOKEN_METHODS, handlerFor, MESSAGE_METHODS } from './router.ts';
import type { RecordedCall } from './types.ts';

export interface ServerDeps {
  ctx: DoubleContext;
  faults: FaultPlan;
  tokens: ReadonlySet<string>;
  /** App-level tokens: only good for APP_TOKEN_METHODS. */
  appTokens: ReadonlySet<string>;
  calls: RecordedCall[];
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(body);
}

function lacksTextFallback(method: string, args: Dict): boolean {
  if (!MESSAGE_METHODS.has(method)) return false;
  const blocks = args['blocks'];
  const text = args['text'];
  return Array.isArray(blocks) && blocks.length > 0 && !(typeof text === 'string' && text.trim() !== '');
}

export class DoubleServer {
  private readonly server: Server;

  constructor(private readonly deps: ServerDeps) {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        // A bug in the double must be loud, not look like a Slack outage.
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        if (!res.headersSent)
          sendJson(res, 500, slackError('internal_error', [`[ERROR] slack double: ${message}`]));
        else res.end();
      });
    });
    // As Slack's servers do, outlive the clients' idle keep-alive, so a reused connection is never cut
    // by the server at the moment the client sends on it (that surfaces as ECONNRESET).
    this.server.keepAliveTimeout = 65_000;
    this.server.headersTimeout = 66_000;
    this.server.on('upgrade', (req, socket, head) => this.deps.ctx.sockets.handleUpgrade(req, socket, head));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/`;
  }

  async close(): Promise<void> {
    // Upgraded sockets still count as server connections, so they must be gone before close() can finish.
    await this.deps.ctx.sockets.closeAll();
    // WebClient's fetch keeps sockets alive; without this close() would wait for them to time out.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [, area, ...rest] = url.pathname.split('/');
    if (area === 'api' && rest.length === 1 && rest[0]) return this.api(rest[0], req, res, url);
    if (area === 'upload' && rest[0] === 'v1' && rest[1]) return this.upload(rest[1], req, res);
    if (area === 'response' && rest[0] && req.method === 'POST') return this.responseUrl(rest[0], req, res);
    sendText(res, 404, 'not found');
  }

  private async api(method: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const { ctx, faults } = this.deps;
    const at = ctx.now();
    const raw = await readRaw(req);
    let args: Dict;
    try {
      args = await parseArgs(req, raw, url.searchParams);
    } catch {
      args = {};
      return this.answer(res, this.record(method, args, undefined, at), 200, slackError('invalid_json'));
    }
    const token = tokenOf(req, args);
    delete args['token'];
    const call = this.record(method, args, token, at);
    const channel = argString(args, 'channel') ?? argString(args, 'channel_id');
    call.duringRetryAfter = faults.isWaiting(method, channel, at);

    const fault = faults.decide(method, channel, at);
    if (fault.kind !== 'none') call.fault = fault.source;
    if (fault.kind === 'fail' && fault.status === 429)
      faults.askedToWait(method, channel, at, fault.retryAfter ?? 1);
    if (fault.kind !== 'none' && fault.afterStore) {
      // Slack carried the call out, then answered late or with a 5xx: a blind retry would do it twice.
      const reply = this.dispatch(method, token, args);
      if (fault.delayMs > 0) await sleep(fault.delayMs);
      if (fault.kind === 'fail' && fault.status >= 500) return this.upstreamFailure(res, call, fault.status);
      return this.answer(res, call, 200, reply);
    }
    if (fault.kind !== 'none' && fault.delayMs > 0) await sleep(fault.delayMs);
    if (fault.kind === 'fail') {
      if (fault.status === 429) {
        const headers = { 'retry-after': String(fault.retryAfter ?? 1) };
        return this.answer(res, call, 429, slackError('ratelimited'), headers);
      }
      if (fault.status >= 500) return this.upstreamFailure(res, call, fault.status);
      return this.answer(res, call, fault.status, slackError(fault.error ?? 'fatal_error'));
    }
    return this.answer(res, call, 200, this.dispatch(method, token, args));
  }

  private dispatch(method: string, token: string | undefined, args: Dict): ApiReply {
    const { ctx, tokens, appTokens } = this.deps;
    const handler = handlerFor(method);
    if (!handler) return slackError('unknown_method');
    if (!token) return slackError('not_authed');
    const isAppToken = appTokens.has(token);
    if (!isAppToken && !tokens.has(token)) return slackError('invalid_auth');
    // A known token of the wrong kind, e.g. a bot token opening a socket: Slack names the mismatch.
    if (isAppToken !== APP_TOKEN_METHODS.has(method)) return slackError('not_allowed_token_type');
    return handler(args, ctx);
  }

  private upstreamFailure(res: ServerResponse, call: RecordedCall, status: number): void {
    call.status = status;
    call.error = `http_${status}`;
    call.response = 'upstream failure (injected)';
    sendText(res, status, 'upstream failure (injected)');
  }

  private record(method: string, args: Dict, token: string | undefined, at: number): RecordedCall {
    const call: RecordedCall = {
      method,
      args,
      token,
      at,
      status: 0,
      ok: false,
      error: undefined,
      response: undefined,
      missingTextFallback: lacksTextFallback(method, args),
      fault: undefined,
      duringRetryAfter: false,
    };
    this.deps.calls.push(call);
    return call;
  }

  private answer(
    res: ServerResponse,
    call: RecordedCall,
    status: number,
    body: ApiReply,
    headers: Record<string, string> = {},
  ): void {
    call.status = status;
    call.ok = body.ok;
    call.error = typeof body['error'] === 'string' ? body['error'] : undefined;
    call.response = body;
    sendJson(res, status, body, headers);
  }

  /** The upload URL: takes the bytes either raw or as a multipart part (WebClient sends multipart). */
  private async upload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const file = this.deps.ctx.files.get(fileId);
    if (!file || req.method !== 'POST') return sendText(res, 404, 'not found');
    const raw = await readRaw(req);
    let content = raw;
    if ((req.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
      const form = await readMultipart(req, raw);
      const part = [...form.values()].find((value) => typeof value !== 'string');
      if (part === undefined) return sendText(res, 400, 'no file part');
      content = Buffer.from(await (part as Blob).arrayBuffer());
    }
    file.content = content;
    sendText(res, 200, `OK - ${content.length}`);
  }

  /** A response_url: JSON (Bolt's respond) or form posts, checked like a message, 5 uses / 30 min. */
  private async responseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { ctx } = this.deps;
    const raw = await readRaw(req);
    const body = await parseArgs(req, raw, new URLSearchParams());
    const url = `${ctx.origin()}response/${id}`;
    const at = ctx.now();
    const refuse = (status: number, error: string, messages: string[] = []): void => {
      ctx.responseUrls.posts.push({ url, body, at, accepted: false, error });
      sendJson(res, status, slackError(error, messages));
    };
    if (body['delete_original'] !== true && body['delete_original'] !== 'true') {
      const content = checkMessageContent(body, ctx.strictTextFallback);
      if (!content.ok) return refuse(400, content.error, content.messages);
    }
    const use = ctx.responseUrls.use(id, at);
    if (!use.ok) return refuse(404, use.error);
    ctx.responseUrls.posts.push({
      url,
      body: isDict(body) ? body : {},
      at,
      accepted: true,
      error: undefined,
    });
    sendJson(res, 200, { ok: true });
  }
}

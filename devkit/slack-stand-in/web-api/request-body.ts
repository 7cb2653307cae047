/**
 * Turns an incoming HTTP request into Web API arguments. WebClient sends form-urlencoded bodies
 * with objects JSON-encoded as strings; some callers send JSON; uploads arrive as multipart.
 */
import type { IncomingMessage } from 'node:http';
import { type Dict, isDict } from './dict.ts';

/** Arguments Slack expects as JSON-encoded strings inside form posts. */
const JSON_ARGS = ['blocks', 'view', 'attachments', 'files', 'metadata', 'unfurled_attachments'];

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

function contentTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Multipart parsing borrowed from the platform's fetch `Request`, instead of a hand-written parser. */
export async function readMultipart(req: IncomingMessage, raw: Buffer): Promise<FormData> {
  const request = new Request('http://double.local/', {
    method: 'POST',
    headers: { 'content-type': req.headers['content-type'] ?? '' },
    body: raw,
  });
  return request.formData();
}

export async function parseArgs(req: IncomingMessage, raw: Buffer, query: URLSearchParams): Promise<Dict> {
  const args: Dict = Object.fromEntries(query);
  const type = contentTypeOf(req);
  if (type === 'application/json' && raw.length > 0) {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (isDict(parsed)) Object.assign(args, parsed);
  } else if (type === 'multipart/form-data') {
    for (const [key, value] of await readMultipart(req, raw)) {
      if (typeof value === 'string') args[key] = value;
    }
  } else if (raw.length > 0) {
    Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
  }
  return decodeJsonArgs(args);
}

/** JSON-encoded arguments become objects; a string that is not JSON stays a string so handlers can reject it. */
function decodeJsonArgs(args: Dict): Dict {
  for (const key of JSON_ARGS) {
    const value = args[key];
    if (typeof value !== 'string' || value === '') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // left as the raw string on purpose
    }
  }
  return args;
}

/** The token from `Authorization: Bearer …` or, failing that, the `token` argument. */
export function tokenOf(req: IncomingMessage, args: Dict): string | undefined {
  const header = req.headers.authorization;
  const match = header?.match(/^Bearer\s+(.+)$/i);
  if (match?.[1]) return match[1].trim();
  return typeof args['token'] === 'string' && args['token'] !== '' ? args['token'] : undefined;
}

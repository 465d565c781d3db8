import type { IncomingMessage } from 'node:http';
import { SealcallServerError } from './errors.js';

/** Throws PAYLOAD_TOO_LARGE if the request says its body is longer than `limit`, before reading it. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
}

/** The whole body, at most `limit` bytes (PAYLOAD_TOO_LARGE past it). */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let total = 0;
    const cleanup = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer): void => {
      total += chunk.length;
      if (total <= limit) {
        parts.push(chunk);
        return;
      }
      cleanup();
      req.pause();
      reject(tooLarge(limit));
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(parts, total));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(new SealcallServerError('INVALID_ARGUMENT', 'the request ended before its body did'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** The body parsed as JSON, or undefined for an empty body. */
export async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const body = await readBody(req, limit);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new SealcallServerError('INVALID_ARGUMENT', 'the body expected JSON (content-type: application/json)');
  }
}

function tooLarge(limit: number): SealcallServerError {
  return new SealcallServerError('PAYLOAD_TOO_LARGE', `the body is larger than this server's limit of ${limit} bytes; send smaller chunks`);
}

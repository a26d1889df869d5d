import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * Loopback fakes of the SMS gateways' HTTP APIs (127.0.0.1 only; no test reaches the internet). Each fake
 * records every request, checks its signature the way the real service does (computed here from the
 * published algorithm, not with the SDK's code) and answers from a script: by default success; queue
 * answers with `next(...)` to play throttling, permanent errors or a gateway that never answers.
 */

export type FakeAnswer =
  | { kind: 'ok' }
  /** A provider result code (Aliyun Code, Tencent SendStatusSet Code or Response.Error code, HTTP body code). */
  | { kind: 'code'; code: string; status?: number; requestLevel?: boolean }
  | { kind: 'status'; status: number }
  /** Accepts the request and never answers (a timeout). */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The signature check: true when the Authorization header matches the secret (null: not applicable). */
  signatureValid: boolean | null;
  /** The signing algorithm named in the Authorization header. */
  algorithm: string | null;
}

export interface FakeGateway {
  /** host:port */
  host: string;
  url: string;
  requests: RecordedRequest[];
  /** Answers for the next requests, in order; afterwards every request succeeds. */
  next(...answers: FakeAnswer[]): void;
  /** Every request fails with this answer until called again with null. */
  always(answer: FakeAnswer | null): void;
  reset(): void;
  close(): Promise<void>;
}

type Responder = (
  req: RecordedRequest,
  answer: FakeAnswer,
  n: number,
) => { status: number; body: unknown; headers?: Record<string, string> };

async function startFake(
  verify: (r: RecordedRequest) => boolean | null,
  respond: Responder,
): Promise<FakeGateway> {
  const requests: RecordedRequest[] = [];
  let queue: FakeAnswer[] = [];
  let sticky: FakeAnswer | null = null;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        signatureValid: null,
        algorithm: /^(\S+)/.exec(String(req.headers.authorization ?? ''))?.[1] ?? null,
      };
      rec.signatureValid = verify(rec);
      requests.push(rec);
      const answer = queue.shift() ?? sticky ?? { kind: 'ok' };
      if (answer.kind === 'hang') return; // the client's timeout ends it
      const out = respond(rec, answer, requests.length);
      res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    next: (...answers) => queue.push(...answers),
    always: (a) => {
      sticky = a;
    },
    reset: () => {
      requests.length = 0;
      queue = [];
      sticky = null;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const sha256 = (s: string | Buffer) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => crypto.createHmac('sha256', key).update(s).digest();

/** RFC 3986 percent-encoding as Aliyun's V3 signature specifies it. */
function acsEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Aliyun's V3 signature (ACS3-HMAC-SHA256): canonical request = method, path, sorted encoded query, the signed
 * headers (lower-case, sorted), their names, and the payload's SHA-256; signed with the AccessKey secret.
 */
export function verifyAcs3(r: RecordedRequest, accessKeyId: string, secret: string): boolean {
  const auth = String(r.headers.authorization ?? '');
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(auth);
  if (!m || m[1] !== accessKeyId) return false;
  const signed = m[2]!.split(';');
  const u = new URL(r.url, 'http://fake');
  const query = [...u.searchParams.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${acsEncode(k)}=${acsEncode(v)}`)
    .join('&');
  const headers = signed.map((h) => `${h}:${String(r.headers[h] ?? '').trim()}\n`).join('');
  const payloadHash = sha256(r.body);
  if (r.headers['x-acs-content-sha256'] !== payloadHash) return false;
  const canonical = [r.method, u.pathname, query, headers, signed.join(';'), payloadHash].join('\n');
  const toSign = `ACS3-HMAC-SHA256\n${sha256(canonical)}`;
  return hmac(secret, toSign).toString('hex') === m[3];
}

/** A fake 阿里云短信 endpoint (Dysmsapi SendSms). */
export function startFakeAliyun(accessKeyId: string, secret: string): Promise<FakeGateway> {
  return startFake(
    (r) => verifyAcs3(r, accessKeyId, secret),
    (_r, a, n) => {
      const RequestId = `ali-req-${n}`;
      if (a.kind === 'ok')
        return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: `ali-biz-${n}`, RequestId } };
      if (a.kind === 'status')
        return { status: a.status, body: { Code: 'ServiceUnavailable', Message: 'x', RequestId } };
      if (a.kind === 'code')
        return { status: a.status ?? 200, body: { Code: a.code, Message: `fake ${a.code}`, RequestId } };
      return { status: 500, body: {} };
    },
  );
}

/**
 * Tencent Cloud's TC3-HMAC-SHA256: canonical request over content-type and host, the credential scope
 * date/service/tc3_request, and a signing key derived from "TC3" + SecretKey through date, service, tc3_request.
 */
export function verifyTc3(r: RecordedRequest, secretId: string, secretKey: string): boolean {
  const auth = String(r.headers.authorization ?? '');
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(
      auth,
    );
  if (!m || m[1] !== secretId) return false;
  const [, , date, service, signedHeaders, signature] = m;
  const timestamp = String(r.headers['x-tc-timestamp'] ?? '');
  if (new Date(Number(timestamp) * 1000).toISOString().slice(0, 10) !== date) return false;
  const names = signedHeaders!.split(';');
  // The real endpoint listens on the default port, so its Host header has no port; the fake's port is dropped.
  const value = (h: string) => String(r.headers[h] ?? '').toLowerCase();
  const headers = names
    .map((h) => `${h}:${h === 'host' ? value(h).replace(/:\d+$/, '') : value(h)}\n`)
    .join('');
  const canonical = ['POST', '/', '', headers, signedHeaders, sha256(r.body)].join('\n');
  const scope = `${date}/${service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const kDate = hmac(`TC3${secretKey}`, date!);
  const kService = hmac(kDate, service!);
  const kSigning = hmac(kService, 'tc3_request');
  return hmac(kSigning, toSign).toString('hex') === signature;
}

/** A fake 腾讯云短信 endpoint (SendSms 2021-01-11). */
export function startFakeTencent(secretId: string, secretKey: string): Promise<FakeGateway> {
  return startFake(
    (r) => verifyTc3(r, secretId, secretKey),
    (_r, a, n) => {
      const RequestId = `tc-req-${n}`;
      if (a.kind === 'ok') {
        return {
          status: 200,
          body: {
            Response: {
              RequestId,
              SendStatusSet: [{ SerialNo: `tc-serial-${n}`, Code: 'Ok', Message: 'send success' }],
            },
          },
        };
      }
      if (a.kind === 'status') return { status: a.status, body: {} };
      if (a.kind === 'code' && a.requestLevel) {
        return {
          status: 200,
          body: { Response: { RequestId, Error: { Code: a.code, Message: `fake ${a.code}` } } },
        };
      }
      if (a.kind === 'code') {
        return {
          status: 200,
          body: {
            Response: {
              RequestId,
              SendStatusSet: [{ SerialNo: '', Code: a.code, Message: `fake ${a.code}` }],
            },
          },
        };
      }
      return { status: 500, body: {} };
    },
  );
}

/** A fake 政务短信平台 (generic JSON gateway): answers { code, msgId } and checks the bearer token. */
export function startFakeHttpGateway(token: string): Promise<FakeGateway> {
  return startFake(
    (r) => r.headers.authorization === `Bearer ${token}`,
    (_r, a, n) => {
      if (a.kind === 'ok') return { status: 200, body: { code: '0', msgId: `gov-${n}` } };
      if (a.kind === 'status') return { status: a.status, body: { code: String(a.status) } };
      if (a.kind === 'code')
        return { status: a.status ?? 200, body: { code: a.code, msg: `fake ${a.code}` } };
      return { status: 500, body: {} };
    },
  );
}

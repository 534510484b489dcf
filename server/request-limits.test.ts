import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EX_HEADERS, HL_HEADERS, LOCATION_ID, ORGANIZATION_UID } from './test-support/fixtures.ts';
import { startTestServer, type TestServer } from './test-support/test-server.ts';

/**
 * The 64 KiB body limit holds for chunked bodies too, which carry no Content-Length to
 * reject up front (the class of bypass of GHSA-9vqf-7f2p-gf9v).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ size: 10 });
});
afterAll(async () => {
  await server.close();
});

/**
 * Streams a chunked body past the limit without ending it, and waits for the answer: the
 * server must refuse while the body is still coming, not after buffering all of it.
 */
function chunkedRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  prefix: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, headers: { ...headers, 'Content-Type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        });
      },
    );
    req.on('error', reject);
    req.write(prefix);
    for (let i = 0; i < 10; i += 1) req.write('x'.repeat(8192));
  });
}

describe('oversized chunked bodies', () => {
  it('HighLevel PUT answers 413 in its error shape', async () => {
    const { status, body } = await chunkedRequest(
      `${server.url}/providers/highlevel/conversations/Abc123DEF456ghi789JK`,
      'PUT',
      HL_HEADERS,
      `{"locationId":"${LOCATION_ID}","note":"`,
    );
    expect(status).toBe(413);
    expect(body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('Exante PATCH answers 413 in its error shape', async () => {
    const { status, body } = await chunkedRequest(
      `${server.url}/providers/exante/api/conversations/${ORGANIZATION_UID}`,
      'PATCH',
      EX_HEADERS,
      '{"categories":"',
    );
    expect(status).toBe(413);
    expect(body).toMatchObject({ status: 'error', status_code: 413, data: null });
  });
});

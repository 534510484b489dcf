import { STATUS_CODES } from 'node:http';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface HighLevelErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
}

/** NestJS-style bodies (§1.6): `error` is the standard reason phrase of the status. */
export function highLevelErrorBody(status: number, message: string | string[]): HighLevelErrorBody {
  return { statusCode: status, message, error: STATUS_CODES[status] ?? 'Error' };
}

export function highLevelError(
  c: Context,
  status: ContentfulStatusCode,
  message: string | string[],
): Response {
  return c.json(highLevelErrorBody(status, message), status);
}

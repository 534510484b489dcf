import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** NestJS-style bodies, as HighLevel's common schemas document them (§1.6). */
const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface HighLevelErrorBody {
  statusCode: number;
  message: string | string[];
  error: string;
}

export function highLevelErrorBody(status: number, message: string | string[]): HighLevelErrorBody {
  return { statusCode: status, message, error: ERROR_NAMES[status] ?? 'Error' };
}

export function highLevelError(
  c: Context,
  status: ContentfulStatusCode,
  message: string | string[],
): Response {
  return c.json(highLevelErrorBody(status, message), status);
}

export const UNAUTHORIZED_MESSAGE = 'Invalid token: access token is invalid';

export const FORBIDDEN_LOCATION_MESSAGE = 'The token does not have access to this location';

import { pino, type Logger } from 'pino';

/** Paths that may hold secrets or personal data; pino replaces their values before anything is written. */
export const REDACT_PATHS = [
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'secret',
  'secret_key',
  'password',
  'token',
  'authorization',
  'cookie',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  '*.secret_key',
  '*.password',
  '*.token',
  '*.authorization',
  '*.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers.access_token',
  'req.headers.secret_key',
  'req.headers["x-zevent-signature"]',
  'headers.authorization',
  'headers.access_token',
  'headers.secret_key',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'zalo-bot' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

/** Masks all but the last 4 characters of an id for logs (user ids are personal data). */
export function maskId(id: string | undefined | null): string {
  if (!id) return '';
  return id.length <= 4 ? '****' : `…${id.slice(-4)}`;
}

export type { Logger };

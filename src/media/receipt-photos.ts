import type { Logger } from 'pino';
import { findDossierCodes } from '../nlu/entities.js';
import { sniffImage } from './sniff.js';
import type { CodeReader } from './code-reader.js';
import { MediaFetchError, type FetchedMedia } from './safe-fetch.js';

/**
 * A photo of a one-stop receipt → the dossier code printed in its QR code or barcode. The photo is downloaded
 * safely (safe-fetch.ts) and decoded in the worker (code-reader.ts); the outcome says what to tell the citizen.
 */

export type PhotoReading =
  | { kind: 'code'; code: string }
  /** Codes were found but none is a dossier code (a QR for a web page, a product barcode). */
  | { kind: 'not_dossier' }
  | { kind: 'no_code' }
  | { kind: 'unreadable'; reason: string };

export interface ReceiptPhotoOptions {
  reader: Pick<CodeReader, 'read'>;
  download: (url: string) => Promise<FetchedMedia>;
  logger: Logger;
}

export class ReceiptPhotos {
  private readonly log: Logger;

  constructor(private readonly opts: ReceiptPhotoOptions) {
    this.log = opts.logger.child({ module: 'receipt-photos' });
  }

  async read(url: string): Promise<PhotoReading> {
    let media: FetchedMedia;
    try {
      media = await this.opts.download(url);
    } catch (err) {
      if (!(err instanceof MediaFetchError)) throw err;
      this.log.warn({ reason: err.reason, detail: err.message }, 'image not downloaded');
      return { kind: 'unreadable', reason: err.reason };
    }
    const kind = sniffImage(media.bytes);
    if (kind !== 'jpeg' && kind !== 'png') return { kind: 'unreadable', reason: `format:${kind}` };
    const started = Date.now();
    const outcome = await this.opts.reader.read(media.bytes);
    const ms = Date.now() - started;
    if ('timeout' in outcome) {
      this.log.warn({ ms, bytes: media.bytes.length }, 'image decode timed out');
      return { kind: 'unreadable', reason: 'timeout' };
    }
    if ('unsupported' in outcome) return { kind: 'unreadable', reason: `format:${outcome.unsupported}` };
    if ('error' in outcome) {
      this.log.warn({ err: outcome.error }, 'image decode failed');
      return { kind: 'unreadable', reason: 'decode' };
    }
    this.log.debug({ ms, found: outcome.texts.length }, 'image decoded');
    for (const text of outcome.texts) {
      const code = findDossierCodes(text).codes[0];
      if (code) return { kind: 'code', code };
    }
    return outcome.texts.length ? { kind: 'not_dossier' } : { kind: 'no_code' };
  }
}

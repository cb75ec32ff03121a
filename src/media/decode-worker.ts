import { parentPort } from 'node:worker_threads';
import { findCodes, UnsupportedImageError } from './barcodes.js';

/** The decode worker: one image at a time, off the main thread (see code-reader.ts). */

export interface DecodeRequest {
  id: number;
  bytes: Uint8Array;
}

export type DecodeResponse = { id: number; texts: string[] } | { id: number; unsupported: string } | { id: number; error: string };

parentPort?.on('message', (req: DecodeRequest) => {
  let res: DecodeResponse;
  try {
    res = { id: req.id, texts: findCodes(req.bytes) };
  } catch (err) {
    res = err instanceof UnsupportedImageError ? { id: req.id, unsupported: err.kind } : { id: req.id, error: (err as Error).message };
  }
  parentPort!.postMessage(res);
});

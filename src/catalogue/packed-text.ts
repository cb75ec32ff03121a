/**
 * Large text kept in the store (a catalogue, a change report): brotli-compressed, base64-encoded, because the
 * store holds strings. JSON of catalogue records compresses about 15 to 1.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export function packText(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }).toString('base64');
}

/** Throws when the packed text is damaged. */
export function unpackText(packed: string): string {
  return brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8');
}

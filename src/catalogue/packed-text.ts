/**
 * Large text kept in the store (a catalogue, a change report): brotli-compressed, base64-encoded, because the
 * store holds strings. JSON of catalogue records compresses about 15 to 1. Compression runs on libuv's thread
 * pool, not on the event loop: seconds of brotli would otherwise hold up the webhook of the instance syncing.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliDecompress, constants } from 'node:zlib';

const compress = promisify(brotliCompress);
const decompress = promisify(brotliDecompress);

export async function packText(text: string): Promise<string> {
  const bytes = Buffer.from(text, 'utf8');
  return (await compress(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })).toString('base64');
}

/** Rejects when the packed text is damaged. */
export async function unpackText(packed: string): Promise<string> {
  return (await decompress(Buffer.from(packed, 'base64'))).toString('utf8');
}

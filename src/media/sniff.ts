/**
 * What an image file is, from its first bytes (the server's content-type is not trusted). Kept apart from
 * barcodes.ts so the main thread never loads ZXing, which only the decode worker needs.
 */
export type ImageKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'unknown';

export function sniffImage(bytes: Uint8Array): ImageKind {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'gif';
  if (bytes[0] === 0x52 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x46 && bytes[8] === 0x57 && bytes[9] === 0x45) return 'webp';
  return 'unknown';
}

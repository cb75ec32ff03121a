import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import zxing from '@zxing/library';
import { sniffImage, type ImageKind } from './sniff.js';

/**
 * Finds QR codes and 1D barcodes (Code 128, Code 39, ITF: what one-stop receipts print) in a JPEG or PNG with
 * ZXing. CPU-bound: run it in the decode worker (decode-worker.ts), never on the event loop.
 */

const { BarcodeFormat, BinaryBitmap, DecodeHintType, HybridBinarizer, MultiFormatOneDReader, QRCodeReader, RGBLuminanceSource } = zxing;

/** A phone photo is about 12 MP; anything much larger is refused before its pixels are allocated. */
export const MAX_MEGAPIXELS = 40;
/** Longest side the first decoding pass works at: receipts photographed whole decode well there, and fast. */
const WORKING_SIDE = 1600;

export class UnsupportedImageError extends Error {
  constructor(readonly kind: ImageKind | 'too_large' | 'corrupt') {
    super(`image not decodable: ${kind}`);
    this.name = 'UnsupportedImageError';
  }
}

interface Luminance {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function toLuminance(rgba: Uint8Array, width: number, height: number): Luminance {
  const data = new Uint8ClampedArray(width * height);
  for (let i = 0, o = 0; i < data.length; i++, o += 4) data[i] = (rgba[o]! * 77 + rgba[o + 1]! * 150 + rgba[o + 2]! * 29) >> 8;
  return { width, height, data };
}

export function decodeImage(bytes: Uint8Array): Luminance {
  const kind = sniffImage(bytes);
  try {
    if (kind === 'jpeg') {
      const img = jpeg.decode(bytes, { useTArray: true, maxResolutionInMP: MAX_MEGAPIXELS, maxMemoryUsageInMB: 600, formatAsRGBA: true });
      return toLuminance(img.data, img.width, img.height);
    }
    if (kind === 'png') {
      const { width, height } = pngSize(bytes);
      if (width * height > MAX_MEGAPIXELS * 1e6) throw new UnsupportedImageError('too_large');
      const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return toLuminance(img.data, img.width, img.height);
    }
  } catch (err) {
    if (err instanceof UnsupportedImageError) throw err;
    throw new UnsupportedImageError(/maxResolutionInMP|maxMemoryUsage/.test((err as Error).message) ? 'too_large' : 'corrupt');
  }
  throw new UnsupportedImageError(kind);
}

/** Box-filter downscale so the longest side is at most `side`. */
function downscale(img: Luminance, side: number): Luminance {
  const factor = Math.max(img.width, img.height) / side;
  if (factor <= 1) return img;
  const width = Math.max(1, Math.floor(img.width / factor));
  const height = Math.max(1, Math.floor(img.height / factor));
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * factor);
    const y1 = Math.min(img.height, Math.floor((y + 1) * factor));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * factor);
      const x1 = Math.min(img.width, Math.floor((x + 1) * factor));
      let sum = 0;
      for (let j = y0; j < y1; j++) for (let i = x0; i < x1; i++) sum += img.data[j * img.width + i]!;
      data[y * width + x] = sum / Math.max(1, (x1 - x0) * (y1 - y0));
    }
  }
  return { width, height, data };
}

/** 3×3 box blur: sensor noise breaks the QR finder's run-length checks; a light blur keeps the modules. */
function smooth(img: Luminance): Luminance {
  const { width, height } = img;
  const data = new Uint8ClampedArray(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      let n = 0;
      for (let j = Math.max(0, y - 1); j <= Math.min(height - 1, y + 1); j++) {
        for (let i = Math.max(0, x - 1); i <= Math.min(width - 1, x + 1); i++) {
          sum += img.data[j * width + i]!;
          n++;
        }
      }
      data[y * width + x] = sum / n;
    }
  }
  return { width, height, data };
}

const HINTS = new Map<zxing.DecodeHintType, unknown>([
  [DecodeHintType.TRY_HARDER, true],
  [DecodeHintType.POSSIBLE_FORMATS, [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128, BarcodeFormat.CODE_39, BarcodeFormat.ITF]],
]);

/** Rotates about the centre (bilinear), same size, uncovered corners white. */
function rotate(img: Luminance, degrees: number): Luminance {
  const { width, height } = img;
  const a = (degrees * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const data = new Uint8ClampedArray(width * height).fill(255);
  const cx = width / 2;
  const cy = height / 2;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = cos * (x - cx) + sin * (y - cy) + cx;
      const sy = -sin * (x - cx) + cos * (y - cy) + cy;
      if (sx < 0 || sy < 0 || sx >= width - 1 || sy >= height - 1) continue;
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      data[y * width + x] = (img.data[i]! * (1 - fx) + img.data[i + 1]! * fx) * (1 - fy) + (img.data[i + width]! * (1 - fx) + img.data[i + width + 1]! * fx) * fy;
    }
  }
  return { width, height, data };
}

/** A 1D barcode must be crossed end to end by one scan line: tilted photos are straightened by these angles. */
const TILTS = [-6, 6, -12, 12];

function readAll(img: Luminance, kinds: 'all' | 'linear' = 'all'): string[] {
  const found: string[] = [];
  const bitmap = () => new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.data, img.width, img.height)));
  for (const reader of kinds === 'all' ? [new QRCodeReader(), new MultiFormatOneDReader(HINTS)] : [new MultiFormatOneDReader(HINTS)]) {
    try {
      found.push(reader.decode(bitmap(), HINTS).getText());
    } catch {
      // NotFound / Checksum / Format: nothing of this kind in the picture.
    }
  }
  return found;
}

/**
 * Every code text found: first at a working size (fast, and large codes decode best there), then at full size
 * when the photo is bigger (small or distant codes need the pixels).
 */
export function findCodes(bytes: Uint8Array): string[] {
  const full = decodeImage(bytes);
  const small = downscale(full, WORKING_SIDE);
  const found: string[] = [];
  const add = (texts: string[]) => texts.forEach((t) => found.includes(t) || found.push(t));
  // Phone photos are noisy: the smoothed image decodes more often, so it goes first.
  const smoothed = smooth(small);
  add(readAll(smoothed));
  if (found.length > 0) return found;
  for (const tilt of TILTS) if (found.length === 0) add(readAll(rotate(smoothed, tilt), 'linear'));
  if (found.length === 0) add(readAll(small));
  if (found.length === 0 && small !== full) add(readAll(smooth(full)));
  return found;
}

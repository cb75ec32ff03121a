import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCodes } from '../../src/media/barcodes.js';
import { sniffImage } from '../../src/media/sniff.js';
import { CodeReader } from '../../src/media/code-reader.js';
import { drawReceipt, photograph, toPng } from '../support/receipts.js';

const CODE = '000.00.53.H48-251120-0004';

let qrPhoto: Buffer;
let barcodePhoto: Buffer;
let plainPhoto: Buffer;
beforeAll(async () => {
  qrPhoto = photograph(await drawReceipt({ qr: CODE, seed: 3 }), { angle: 4, width: 1280, noise: 8, quality: 70, seed: 11 });
  barcodePhoto = photograph(await drawReceipt({ barcode: CODE, seed: 4 }), { angle: -5, width: 1600, noise: 6, quality: 75, seed: 12 });
  plainPhoto = photograph(await drawReceipt({ seed: 5 }), { angle: 3, width: 1280, noise: 8, quality: 70, seed: 13 });
});

describe('reading receipt photos (ZXing)', () => {
  it('tells JPEG and PNG from other bytes', async () => {
    expect(sniffImage(qrPhoto)).toBe('jpeg');
    expect(sniffImage(toPng(await drawReceipt({ seed: 1 })))).toBe('png');
    expect(sniffImage(Buffer.from('GIF89a'))).toBe('gif');
    expect(sniffImage(Buffer.from('<html>'))).toBe('unknown');
  });

  it('reads the QR code of a tilted, noisy, compressed photo', () => {
    expect(findCodes(qrPhoto)).toContain(CODE);
  });

  it('reads the Code-128 barcode of a tilted photo', () => {
    expect(findCodes(barcodePhoto)).toContain(CODE);
  });

  it('reads a flat PNG at other scales and angles', async () => {
    const page = await drawReceipt({ qr: CODE, barcode: CODE, seed: 9 });
    expect(findCodes(toPng(page))).toContain(CODE);
    expect(findCodes(photograph(page, { angle: -7, width: 1800, noise: 5, quality: 80, seed: 2 }))).toContain(CODE);
  });

  it('finds nothing in a receipt photo without codes', () => {
    expect(findCodes(plainPhoto)).toEqual([]);
  });
});

describe('CodeReader (worker thread)', () => {
  const reader = new CodeReader(30_000);
  afterAll(() => reader.close());

  it('decodes in the worker while the event loop stays free', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const outcome = await reader.read(barcodePhoto);
    clearInterval(timer);
    expect(outcome).toEqual({ texts: [CODE] });
    // A decode of about a second on the main thread would have starved the 10 ms timer.
    expect(ticks).toBeGreaterThan(5);
  });

  it('answers "unsupported" for bytes that are no image, and goes on working', async () => {
    expect(await reader.read(Buffer.from('definitely not an image'))).toEqual({ unsupported: 'unknown' });
    expect(await reader.read(qrPhoto)).toEqual({ texts: [CODE] });
  });

  it('gives up on a decode past its deadline and serves the next image with a fresh worker', async () => {
    const impatient = new CodeReader(1);
    try {
      expect(await impatient.read(barcodePhoto)).toEqual({ timeout: true });
      const patient = new CodeReader(30_000);
      expect(await patient.read(qrPhoto)).toEqual({ texts: [CODE] });
      await patient.close();
    } finally {
      await impatient.close();
    }
  });
});

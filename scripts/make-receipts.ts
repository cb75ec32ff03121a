import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { drawReceipt, photograph } from '../test/support/receipts.js';

/**
 * Writes photographed-looking one-stop receipts (the test fixtures) to a folder, to try in the simulator's chat
 * page ("Gửi ảnh"): one with a QR code, one with a Code-128 barcode, one with neither.
 * Usage: npm run receipts -- [DIR] [DOSSIER_CODE]
 */
const dir = resolve(process.argv[2] ?? 'receipts');
const code = process.argv[3] ?? '000.00.53.H48-251120-0004';
await mkdir(dir, { recursive: true });
const files: [string, Buffer][] = [
  ['receipt-qr.jpg', photograph(await drawReceipt({ qr: code, seed: 1 }), { angle: 4, width: 1280, noise: 6, quality: 75 })],
  ['receipt-barcode.jpg', photograph(await drawReceipt({ barcode: code, seed: 2 }), { angle: -3, width: 1600, noise: 6, quality: 75 })],
  ['receipt-no-code.jpg', photograph(await drawReceipt({ seed: 3 }), { angle: 2, width: 1280, noise: 6, quality: 75 })],
];
for (const [name, bytes] of files) {
  await writeFile(join(dir, name), bytes);
  process.stdout.write(`${join(dir, name)} (${bytes.length} bytes)\n`);
}

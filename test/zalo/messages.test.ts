import { pino } from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/dialogue/types.js';
import { buildButtons, buildOutgoingMessages, buildPromotionMessage, splitText, type ZaloMessageLimits } from '../../src/zalo/messages.js';

const limits: ZaloMessageLimits = { textMaxChars: 2000, buttonTitleMax: 20, maxButtons: 5 };

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(JSON.parse(String(chunk)));
      cb();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/** Vietnamese sentences of varied length, ~70–90 characters each. */
function longText(sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(`Câu số ${i + 1}: anh/chị vui lòng chuẩn bị đầy đủ hồ sơ theo hướng dẫn${i % 3 === 0 ? ' của bộ phận một cửa' : ''}.`);
  return out.join(' ');
}

describe('splitText', () => {
  it('leaves short text alone', () => {
    expect(splitText('Xin chào anh/chị.', 2000)).toEqual(['Xin chào anh/chị.']);
  });

  it('splits above the limit at sentence boundaries, every part within the limit, nothing lost', () => {
    const text = longText(60);
    expect(text.length).toBeGreaterThan(4000);
    const parts = splitText(text, 2000);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(2000);
      expect(p).toMatch(/\.$/);
      expect(p).toMatch(/^Câu số \d+:/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('falls back to line breaks, then spaces, never cutting a word', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `dòng ${i} không có dấu chấm câu nào ở đây`).join('\n');
    const parts = splitText(lines, 200);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(200);
      expect(p.startsWith('dòng ')).toBe(true);
      expect(p.endsWith('ở đây')).toBe(true);
    }
    const words = Array.from({ length: 100 }, (_, i) => `từ${i}`).join(' ');
    const wparts = splitText(words, 50);
    for (const p of wparts) expect(p.length).toBeLessThanOrEqual(50);
    expect(wparts.join(' ')).toBe(words);
  });

  it('cuts a single word longer than the limit', () => {
    const word = 'x'.repeat(45);
    expect(splitText(word, 20)).toEqual(['x'.repeat(20), 'x'.repeat(20), 'x'.repeat(5)]);
  });
});

describe('buildOutgoingMessages', () => {
  it('text only: one message with text', () => {
    expect(buildOutgoingMessages({ text: 'Xin chào.', buttons: [] }, limits)).toEqual([{ text: 'Xin chào.' }]);
  });

  it('text + buttons: a template without template_type, with each button type on the wire', () => {
    const reply: Reply = {
      text: 'Anh/chị muốn hỏi thủ tục nào?',
      buttons: [
        { kind: 'query', title: 'Đăng ký khai sinh', payload: '#p:khai-sinh:docs' },
        { kind: 'url', title: 'Cổng DVC', url: 'https://dichvucong.example.gov.vn' },
        { kind: 'phone', title: 'Gọi tổng đài', phone: '+84 912.345-678' },
      ],
    };
    expect(buildOutgoingMessages(reply, limits)).toEqual([
      {
        text: 'Anh/chị muốn hỏi thủ tục nào?',
        attachment: {
          type: 'template',
          payload: {
            buttons: [
              { title: 'Đăng ký khai sinh', type: 'oa.query.hide', payload: '#p:khai-sinh:docs' },
              { title: 'Cổng DVC', type: 'oa.open.url', payload: { url: 'https://dichvucong.example.gov.vn' } },
              { title: 'Gọi tổng đài', type: 'oa.open.phone', payload: { phone_code: '84912345678' } },
            ],
          },
        },
      },
    ]);
  });

  it('long text with buttons: split, each part ≤ limit, buttons on the last part only', () => {
    const reply: Reply = { text: longText(60), buttons: [{ kind: 'query', title: 'Menu', payload: '#i:help' }] };
    const msgs = buildOutgoingMessages(reply, limits);
    expect(msgs.length).toBeGreaterThan(1);
    msgs.forEach((m, i) => {
      expect(m.text!.length).toBeLessThanOrEqual(2000);
      if (i < msgs.length - 1) expect(m.attachment).toBeUndefined();
    });
    expect(msgs.at(-1)!.attachment).toEqual({ type: 'template', payload: { buttons: [{ title: 'Menu', type: 'oa.query.hide', payload: '#i:help' }] } });
  });

  it('six buttons become five, with a logged warning', () => {
    const { logger, lines } = capturingLogger();
    const buttons = Array.from({ length: 6 }, (_, i) => ({ kind: 'query' as const, title: `Lựa chọn ${i + 1}`, payload: `#i:${i + 1}` }));
    const [msg] = buildOutgoingMessages({ text: 'Chọn:', buttons }, limits, logger);
    const wire = (msg!.attachment!.payload as { buttons: { title: string }[] }).buttons;
    expect(wire.map((b) => b.title)).toEqual(['Lựa chọn 1', 'Lựa chọn 2', 'Lựa chọn 3', 'Lựa chọn 4', 'Lựa chọn 5']);
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('buttons dropped'))).toBe(true);
  });

  it('long titles are cut to the limit with an ellipsis', () => {
    const [b] = buildButtons([{ kind: 'query', title: 'Đăng ký thường trú cho người mới chuyển đến', payload: '#x' }], limits);
    expect(b!.title.length).toBeLessThanOrEqual(20);
    expect(b!.title.endsWith('…')).toBe(true);
    expect(b!.title.startsWith('Đăng ký thường')).toBe(true);
  });

  it('a button whose payload exceeds 1000 characters is dropped', () => {
    const out = buildButtons(
      [
        { kind: 'query', title: 'A', payload: '#'.repeat(1001) },
        { kind: 'query', title: 'B', payload: '#ok' },
      ],
      limits,
    );
    expect(out.map((b) => b.title)).toEqual(['B']);
  });

  it('a link button that is not http(s) never leaves (javascript:, data:)', () => {
    const { logger, lines } = capturingLogger();
    const out = buildButtons(
      [
        { kind: 'url', title: 'A', url: 'javascript:alert(1)' },
        { kind: 'url', title: 'B', url: 'data:text/html,<b>x</b>' },
        { kind: 'url', title: 'C', url: 'https://dichvucong.gov.vn' },
        { kind: 'url', title: 'D', url: 'HTTP://example.gov.vn' },
      ],
      limits,
      logger,
    );
    expect(out.map((b) => b.title)).toEqual(['C', 'D']);
    expect(lines.filter((l) => l.msg === 'Zalo button dropped: not an http(s) link').map((l) => l.scheme)).toEqual(['javascript', 'data']);
  });

  it('image: a media template, with the text as caption when it fits and there are no buttons', () => {
    expect(buildOutgoingMessages({ text: 'Mẫu tờ khai.', buttons: [], imageUrl: 'https://x/a.png' }, limits)).toEqual([
      { text: 'Mẫu tờ khai.', attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://x/a.png' }] } } },
    ]);
    const withButtons = buildOutgoingMessages({ text: 'Mẫu tờ khai.', buttons: [{ kind: 'query', title: 'Menu', payload: '#i:help' }], imageUrl: 'https://x/a.png' }, limits);
    expect(withButtons).toHaveLength(2);
    expect(withButtons[0]!.text).toBeUndefined();
    expect(withButtons[1]!.text).toBe('Mẫu tờ khai.');
  });

  it('promotion: template_type promotion with header, text and banner', () => {
    const m = buildPromotionMessage({ header: 'Thông báo', text: 'Nội dung', bannerUrl: 'https://x/b.jpg' }, limits);
    expect(m.attachment!.payload).toEqual({
      template_type: 'promotion',
      language: 'VI',
      elements: [
        { type: 'banner', image_url: 'https://x/b.jpg' },
        { type: 'header', content: 'Thông báo', align: 'left' },
        { type: 'text', content: 'Nội dung', align: 'left' },
      ],
    });
  });
});

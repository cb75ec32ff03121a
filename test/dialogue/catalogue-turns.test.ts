import { beforeAll, describe, expect, it } from 'vitest';
import { decide } from '../../src/dialogue/index.js';
import { newSession, type Language, type Reply, type Translate } from '../../src/dialogue/types.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { INTENTS_DIR } from '../support/content.js';
import { loadTranslations } from './fixtures/i18n.js';

/**
 * The shipped content with the whole catalogue, a citizen's message through the real matcher and the real
 * dialogue step: what the citizen sees for near-twins, a national code, and a ministry-only variant.
 */
let tFor: (lng: Language) => Translate;
let kb: KnowledgeBase;
let matcher: Matcher;
beforeAll(async () => {
  tFor = await loadTranslations();
  const res = await loadContentFromDir(INTENTS_DIR);
  if ('errors' in res) throw new Error(JSON.stringify(res.errors.slice(0, 3)));
  kb = res.kb;
  matcher = buildMatcher(kb);
}, 120_000);

function reply(text: string): Reply {
  const u = matcher.understand(text);
  const out = decide({ text, understanding: u, session: newSession('u1'), kb, tFor, now: 1_790_000_000_000 });
  const replies = out.actions.flatMap((a) => (a.type === 'reply' ? [a.reply] : []));
  expect(replies, text).toHaveLength(1);
  return replies[0]!;
}
const queryButtons = (r: Reply) => r.buttons.flatMap((b) => (b.kind === 'query' ? [{ title: b.title, payload: b.payload }] : []));

describe('catalogue procedures in a conversation', { timeout: 30_000 }, () => {
  it('near-twins at two levels: one question, buttons titled by the level, each opening its own procedure', () => {
    const r = reply('giấy thông hành sang Lào làm ở đâu');
    const buttons = queryButtons(r);
    const province = buttons.find((b) => b.payload.includes('tthc-1-001280'));
    const commune = buttons.find((b) => b.payload.includes('tthc-1-012680'));
    // Each title says the level it stands for, and opens with a word (not the dash of "Việt Nam – Lào").
    expect(province?.title).toMatch(/tỉnh/i);
    expect(commune?.title).toMatch(/xã/i);
    for (const b of buttons) expect(b.title, b.title).toMatch(/^\p{L}/u);
    // The text names both in full, so the citizen can read what the short titles stand for.
    expect(r.text).toContain('thực hiện tại cấp tỉnh');
    expect(r.text).toContain('cấp xã');
  });

  it('variants (issue, extend, re-issue) asked without naming one: the buttons say the variant', () => {
    const titles = queryButtons(reply('chứng chỉ hành nghề thú y')).map((b) => b.title);
    expect(titles.length).toBeGreaterThanOrEqual(2);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles.some((t) => /lại|Gia hạn/.test(t)), titles.join(' | ')).toBe(true);
  });

  it('a national code answers that procedure from its official record, with the aspect asked', () => {
    const r = reply('thủ tục 1.011443 mất bao lâu');
    expect(r.text).toContain('Theo Cơ sở dữ liệu quốc gia về thủ tục hành chính');
    expect(r.buttons.some((b) => b.kind === 'url')).toBe(true);
    // A code a curated page covers answers with the curated page.
    expect(matcher.understand('mã 2.000488')).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap' });
  });

  it('a national code the catalogue does not hold is said back with where to look it up, not a generic "I did not understand"', () => {
    const r = reply('thủ tục 1.004227');
    expect(r.text).toContain('1.004227');
    expect(r.text).toContain('https://dichvucong.gov.vn');
    expect(r.text).not.toContain(tFor('vi')('dialogue.fallback'));
  });
});

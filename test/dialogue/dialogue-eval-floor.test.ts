import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateConversations, parseConversations, type DialogueReport } from '../../src/dialogue/evaluate-conversations.js';
import { buildMatcher } from '../../src/nlu/matcher.js';
import type { Matcher } from '../../src/nlu/types.js';
import { shippedKnowledge } from '../support/content.js';
import { loadTranslations } from './fixtures/i18n.js';

const fixtures = join(import.meta.dirname, '../fixtures/dialogue-eval');

// One matcher for every part: it keeps no state between messages (the session is the conversation's).
let matcher: Promise<Matcher> | undefined;

async function run(file: string): Promise<DialogueReport> {
  const kb = await shippedKnowledge();
  matcher ??= Promise.resolve(buildMatcher(kb));
  const conversations = parseConversations(readFileSync(join(fixtures, file), 'utf8'));
  return evaluateConversations(conversations, { matcher: await matcher, kb, tFor: await loadTranslations() });
}

const summary = (r: DialogueReport) => `right ${r.right}/${r.turns}, wrong ${r.wrong}, missed ${r.missed}`;

/** Runs one part and holds it to its bounds (shares of all turns). */
async function holds(file: string, minTurns: number, right: number, wrong: number): Promise<void> {
  const r = await run(file);
  expect(r.turns).toBeGreaterThanOrEqual(minTurns);
  expect(r.right / r.turns, summary(r)).toBeGreaterThanOrEqual(right);
  expect(r.wrong / r.turns, summary(r)).toBeLessThanOrEqual(wrong);
}

// Through the same core as the bot (matcher with the session's context, then decide), the whole catalogue loaded.
describe('multi-turn evaluation (test/fixtures/dialogue-eval), through the dialogue core', { timeout: 180_000 }, () => {
  it('tune part: the issue floor — ≥ 95 % of turns on the right procedure or intent, ≤ 2 % confidently wrong', () => holds('dialogue-tune.jsonl', 200, 0.95, 0.02));

  // Raised on 4 Dec 2026 (fifth session) with the long-story rule (a clarification's curated leader twice as strong
  // as every other button answers): tuning parts 19 right more, none wrong more; held-out parts, looked at once
  // against a criterion set beforehand, 28 right more and 1 wrong fewer (holdout and holdout-2 one wrong more each,
  // holdout-5 three fewer; their wrong bounds set to the new counts).
  // Raised again the same day after a batch of follow-up, correction, contact and dossier rules (README): tuning parts
  // +15 right, 8 wrong fewer; held-out parts +7 right, 4 wrong fewer.
  // The other parts are below the floor (README, "Dialogue evaluation"). Each is guarded at its measured
  // level, never lowered; the goal stays 95 % and 2 %. History of the measurements is in
  // test/fixtures/dialogue-eval/README.md. Measured 4 Dec 2026 (sixth session), at the commit that set these:
  //   tune-2 182/203 right, 2 wrong   tune-3 186/192, 1   tune-4 183/195, 2   tune-5 221/242, 6   tune-6 214/240, 6
  //   tune-7 141/150, 1   tune-8 136/143, 2   holdout 220/238, 3   holdout-2 179/197, 6   holdout-3 176/204, 10
  //   holdout-4 256/289, 12   holdout-5 238/282, 14   holdout-6 240/282, 8   holdout-7 232/288, 19   holdout-8 117/143, 7
  //   holdout-9 121/147, 5
  // (tune parts tuned on; held-out parts never read, totals only).
  // Raised on 4 Dec 2026 (sixth session) after a batch of context rules (a circumstance carried, a button's twin, a
  // correction's sibling, bundles, a name cut short, final consonants; README): tuning parts +28 right, 9 wrong fewer
  // (tune-8 not counted); held-out parts, looked at against a criterion set beforehand, +10 right, 2 wrong more
  // (holdout-5 and holdout-7 lowered: see there). A second batch the same day (a sibling told apart without a
  // correction cue, one open button among a new question's, an office asked about while buttons are open; lexicon):
  // tuning parts +9 right, 3 wrong fewer; held-out +5 right, none wrong more. A third (a remark on the bot said
  // outright outweighs a follow-up; "X thì Y" asks Y's aspect): tuning +1 right, 1 wrong fewer; held-out the same.
  it('second tuning part: no worse than measured (right ≥ 93.1 %, wrong ≤ 0.5 %)', () => holds('dialogue-tune-2.jsonl', 200, 0.931, 0.005));
  it('third tuning part: no worse than measured (right ≥ 96.8 %, wrong ≤ 0.6 %)', () => holds('dialogue-tune-3.jsonl', 180, 0.968, 0.006));
  it('fourth tuning part: no worse than measured (right ≥ 96.9 %, wrong ≤ 0.6 %)', () => holds('dialogue-tune-4.jsonl', 180, 0.969, 0.006));
  // Two blind sets written for the weak spots the held-out totals showed (out-of-scope traps, complaints about
  // dossiers, contacts that name a procedure; situations told in everyday words, cases changed in a follow-up).
  it('fifth tuning part: no worse than measured (right ≥ 93.8 %, wrong ≤ 1.7 %)', () => holds('dialogue-tune-5.jsonl', 220, 0.938, 0.017));
  it('sixth tuning part: no worse than measured (right ≥ 89.1 %, wrong ≤ 2.5 %)', () => holds('dialogue-tune-6.jsonl', 220, 0.891, 0.025));
  // Lowered once, on 4 Dec 2026 (fifth session), for an aspect asked while a clarification's buttons are open: it
  // re-asks the buttons instead of answering the procedure answered before (tuning parts 1 right and 5 wrong fewer;
  // held-out parts 3 right and 3 wrong fewer: 215 → 214 right here, 230 → 228 on the seventh; README, honesty notes).
  // Lowered again in the thirteenth session (223/238): the third kept batch passed its held-out look as a whole (+42
  // right, 8 wrong fewer over 26 parts) with this part one right fewer.
  it('held-out part: no worse than measured (right ≥ 93.6 %, wrong ≤ 1.3 %)', () => holds('dialogue-holdout.jsonl', 200, 0.936, 0.013));
  // Wrong bound lowered on 7 Dec 2026 (nineteenth session): its first batch, kept on the held-out totals (8 right more,
  // 2 wrong fewer), turned one turn here wrong (185 → 186 right, 5 → 6 wrong).
  it('second held-out part: no worse than measured (right ≥ 92.3 %, wrong ≤ 3.1 %)', () => holds('dialogue-holdout-2.jsonl', 180, 0.923, 0.031));
  // Its wrong bound rose on 4 Dec 2026 (seventh session) from 10 to 11 turns with the batch of general readings
  // (README, "The seventh round"), kept by the criterion set before the look: held-out parts +20 right, 2 wrong fewer.
  it('third held-out part: no worse than measured (right ≥ 86.2 %, wrong ≤ 5.4 %)', () => holds('dialogue-holdout-3.jsonl', 180, 0.862, 0.054));
  it('fourth held-out part: no worse than measured (right ≥ 90.6 %, wrong ≤ 3.9 %)', () => holds('dialogue-holdout-4.jsonl', 250, 0.906, 0.039));
  // An eighth blind set, held out, written after this session's first changes: 223/282 right, 21 wrong on arrival
  // (the same as the session's starting commit), 226/282, 19 at the end. Lowered on 4 Dec 2026 (sixth session) with
  // the context-rules batch above: 239/282, 13 wrong → 238/282, 14 wrong.
  it('fifth held-out part: no worse than measured (right ≥ 87.5 %, wrong ≤ 3.2 %)', () => holds('dialogue-holdout-5.jsonl', 250, 0.875, 0.032));
  // A ninth blind set, held out, written at the start of the fourth session: 229/282 right, 15 wrong at the
  // session's starting commit; 233/282, 11 wrong when first guarded; 233/282, 12 wrong after a complaint's procedure
  // became the conversation's topic (kept: +5 right on the tuning parts, +2 on the other held-out parts, no other
  // new wrong; README, honesty paragraph); 234/282, 11 wrong at the end.
  // Wrong bound lowered in the fourteenth session (7 → 8 of 282) with its last kept batch (an age said while the ID
  // cards are offered outweighs a greeting read in it; the elderly in general ask which allowance), kept on its
  // held-out look (36 parts: +5 right, none wrong more in total).
  it('sixth held-out part: no worse than measured (right ≥ 86.1 %, wrong ≤ 2.9 %)', () => holds('dialogue-holdout-6.jsonl', 250, 0.861, 0.029));
  // A tenth blind set, held out, written in the middle of the fourth session and measured near its end, with the
  // session's starting commit for comparison: 226/288 right, 21 wrong then; 229/288, 19 wrong at the three later runs.
  // Its wrong bound rose on 4 Dec 2026 (sixth session) with the context-rules batch above: 17 → 20 wrong, right
  // unchanged (231/288); the batch was kept by the criterion set before the look (README, honesty paragraph). A
  // bundle's nested parts no longer counted twice: 232/288, 19 wrong.
  // Its wrong bound rose on 5 Dec 2026 (ninth session) from 17 to 18 turns with the lost-paper and case-question
  // batch, kept by the criterion set before the look: held-out parts as a whole unchanged (2,961 right, 124 wrong).
  it('seventh held-out part: no worse than measured (right ≥ 82.9 %, wrong ≤ 6.3 %)', () => holds('dialogue-holdout-7.jsonl', 250, 0.829, 0.063));
  // An eleventh blind set, written at the start of the fifth session: 220/293 right, 23 wrong on arrival (and at
  // the session's starting commit), then split 60/60: the tuning half read and tuned on, the held-out half never read.
  it('seventh tuning part: no worse than measured (right ≥ 94.6 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-7.jsonl', 140, 0.946, 0.007));
  // Its wrong bound rose once, from 6 to 7 turns, with the batch that read leave to ask ("cho hỏi chút") and "làm
  // việc" (working hours) apart from contact and filing words: held-out parts as a whole 2 right more, none wrong more.
  // Lowered on 5 Dec 2026 (tenth session) from 122 to 121 right and 4 to 5 wrong with the tenth round's batch, kept by the criterion
  // set before the look: held-out parts as a whole +20 right, 9 wrong fewer.
  it('eighth held-out part: no worse than measured (right ≥ 84.6 %, wrong ≤ 3.5 %)', () => holds('dialogue-holdout-8.jsonl', 140, 0.846, 0.035));
  // A twelfth blind set, written at the start of the sixth session: 234/290 right, 17 wrong on arrival (at the
  // session's starting commit), then split 60/60 as the eleventh: 113/143, 12 wrong (tuning half) and 121/147, 5
  // wrong (held-out half) then.
  it('eighth tuning part: no worse than measured (right ≥ 95.8 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-8.jsonl', 140, 0.958, 0.014));
  it('ninth held-out part: no worse than measured (right ≥ 83.6 %, wrong ≤ 3.5 %)', () => holds('dialogue-holdout-9.jsonl', 140, 0.836, 0.035));
  // A thirteenth blind set, written at the end of the sixth session after its last change and kept whole as held
  // out: 249/299 right, 13 wrong at the session's starting commit; 254/299, 12 wrong at its last change.
  it('tenth held-out part: no worse than measured (right ≥ 86.2 %, wrong ≤ 3.7 %)', () => holds('dialogue-holdout-10.jsonl', 250, 0.862, 0.037));
  // A fourteenth blind set, written at the start of the seventh session: 247/302 right, 22 wrong on arrival (at the
  // session's starting commit 0b089c3), then split 60/60 by first tag: 127/154, 15 wrong (tuning half) and 120/148,
  // 7 wrong (held-out half) then. After the seventh round: 146/154, 5 wrong and 119/148, 8 wrong; 149/154, 2 wrong
  // after one's own thing asked generically (held-out parts unchanged).
  it('ninth tuning part: no worse than measured (right ≥ 98.0 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-9.jsonl', 140, 0.980, 0.007));
  it('eleventh held-out part: no worse than measured (right ≥ 80.4 %, wrong ≤ 5.5 %)', () => holds('dialogue-holdout-11.jsonl', 140, 0.804, 0.055));
  // A fifteenth blind set, written in the seventh session after its batch and kept whole as held out: 264/306 right,
  // 11 wrong at the session's starting commit 0b089c3; 267/306, 10 wrong at 2c205cc.
  it('twelfth held-out part: no worse than measured (right ≥ 88.2 %, wrong ≤ 3 %)', () => holds('dialogue-holdout-12.jsonl', 250, 0.882, 0.03));
  // The eighth session (5 Dec 2026): guards above raised to the levels measured at e89c8c1 (README, "The eighth
  // round"); held-out parts were looked at four times, each against the criterion set before the look (keep when the
  // right gain is at least twice the wrong gain and the wrong gain at most two); the last batch failed it twice and
  // was dropped. A sixteenth blind set, written at the round's start: 245/285 right, 18 wrong whole at the starting
  // commit bde373c, then split 60/60 by first tag: 120/142, 9 wrong (tuning half) and 125/143, 9 wrong (held-out
  // half) then; 138/142, 3 wrong and 125/143, 9 wrong at e89c8c1.
  it('tenth tuning part: no worse than measured (right ≥ 97.1 %, wrong ≤ 2.2 %)', () => holds('dialogue-tune-10.jsonl', 140, 0.971, 0.022));
  it('thirteenth held-out part: no worse than measured (right ≥ 87.4 %, wrong ≤ 6.3 %)', () => holds('dialogue-holdout-13.jsonl', 140, 0.874, 0.063));
  // A seventeenth blind set, written during the round and kept whole as held out (never read): 237/285 right, 9
  // wrong at bde373c; 242/285, 7 wrong at the round's later commits.
  // Lowered on 5 Dec 2026 (ninth session) with the same batch: 242 → 240 right (held-out parts as a whole unchanged).
  it('fourteenth held-out part: no worse than measured (right ≥ 84.2 %, wrong ≤ 2.5 %)', () => holds('dialogue-holdout-14.jsonl', 250, 0.842, 0.025));
  // An eighteenth blind set, weighted to hard cases, written late in the round: 257/328 right, 20 wrong whole at
  // bde373c, 267/328, 16 wrong at e89c8c1; split 60/60 by first tag: tuning half 138/165, 8 wrong, held-out half
  // 129/163, 8 wrong then (read only the tuning half; the batch tuned on it was dropped on the held-out criterion).
  it('eleventh tuning part: no worse than measured (right ≥ 83.6 %, wrong ≤ 4.9 %)', () => holds('dialogue-tune-11.jsonl', 150, 0.836, 0.049));
  it('fifteenth held-out part: no worse than measured (right ≥ 79.1 %, wrong ≤ 5 %)', () => holds('dialogue-holdout-15.jsonl', 150, 0.791, 0.05));
  // The tenth session (5 Dec 2026). A nineteenth blind set, written at the session's start and kept whole as held out
  // (never read): 265/311 right, 14 wrong at the starting commit 76e7cc9 and after the round. A twentieth, written
  // later the same session and read as a tuning part: 276/307, 12 wrong at 76e7cc9; 295/307, 3 wrong after the
  // round's batch (README, "The tenth round"), kept on one look at the held-out parts against the criterion set
  // before it: +20 right, 9 wrong fewer.
  it('twelfth tuning part: no worse than measured (right ≥ 96.0 %, wrong ≤ 1 %)', () => holds('dialogue-tune-12.jsonl', 280, 0.96, 0.01));
  it('sixteenth held-out part: no worse than measured (right ≥ 85.2 %, wrong ≤ 4.6 %)', () => holds('dialogue-holdout-16.jsonl', 280, 0.852, 0.046));
  // A twenty-first blind set, written in the eleventh session (5 Dec 2026) and kept whole as held out (never read):
  // 265/301 right, 8 wrong on arrival at f063d78 (261/301, 12 wrong at 76e7cc9, before the tenth round's batch).
  // Wrong bound lowered in the sixteenth session (8 → 9 of 301) with its first batch, kept on its held-out look.
  it('seventeenth held-out part: no worse than measured (right ≥ 88 %, wrong ≤ 3 %)', () => holds('dialogue-holdout-17.jsonl', 280, 0.88, 0.03));
  // A twenty-second blind set, written in the eleventh session: 261/307 right, 11 wrong whole on arrival at 635ade9,
  // then split 60/60 by first tag (`random.Random(20261208)`): tune-13 129/150, 4 wrong (read and tuned on: 132/150,
  // 2 wrong after the kept batch); holdout-18 132/157, 7 wrong (never read; the same after the batch).
  it('thirteenth tuning part: no worse than measured (right ≥ 88 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-13.jsonl', 140, 0.88, 0.014));
  // Lowered in the thirteenth session (131/157): the batch tuned on tune-15 and tune-16 passed its held-out look as a
  // whole (+29 right, 4 wrong fewer over 22 parts) with this part one right fewer.
  it('eighteenth held-out part: no worse than measured (right ≥ 83.4 %, wrong ≤ 4.5 %)', () => holds('dialogue-holdout-18.jsonl', 140, 0.834, 0.045));
  // A twenty-third blind set, written in the twelfth session (6 Dec 2026): 263/313 right, 16 wrong whole on arrival at
  // 8e55bd1, then split 60/60 by first tag (`random.Random(20261206)`): tune-14 131/155, 8 wrong (read and tuned on);
  // holdout-19 132/158, 8 wrong (never read). The twelfth round's batch, tuned on tune-14 and kept on one held-out
  // look: tune-14 141/155, 2 wrong; held-out parts +10 right, 2 wrong fewer (holdout-19 unchanged).
  // Wrong bound lowered in the fourteenth session (2 → 3 of 155): "xóa cư trú" for a relative settled abroad now
  // answers the removal of the permanent residence (Luật Cư trú: settling abroad ends it) where the label asks which;
  // the batch passed its held-out look (30 parts: +19 right, 4 wrong fewer).
  // Again (3 → 5) with the fourteenth session's third kept batch: "xóa đăng ký thường trú cho em gái …" is now answered
  // outright (its name said in full), and the correction after it, "nó chỉ đăng ký tạm trú", names the registration
  // where the label means its removal.
  it('fourteenth tuning part: no worse than measured (right ≥ 90.9 %, wrong ≤ 3.3 %)', () => holds('dialogue-tune-14.jsonl', 150, 0.909, 0.033));
  // Its wrong bound raised in the thirteenth session (9/158) for the same kept batch: one wrong more here.
  it('nineteenth held-out part: no worse than measured (right ≥ 83.5 %, wrong ≤ 5.7 %)', () => holds('dialogue-holdout-19.jsonl', 150, 0.835, 0.057));
  // A twenty-fourth blind set, weighted to regional and everyday speech, written in the twelfth session and kept whole
  // as held out (never read): 262/317 right, 19 wrong on arrival at 9110b1a.
  // Lowered by one turn (265/317) in the thirteenth session: the second kept batch (tuned on tune-17 and tune-18)
  // passed its held-out look as a whole (+17 right, 1 wrong fewer over 24 parts) with this part one right fewer.
  // Wrong bound lowered in the fourteenth session (17 → 19 of 317) with its third kept batch (a clarification's
  // leader named in full is answered), kept on its held-out look (32 parts: +11 right, 1 wrong more).
  it('twentieth held-out part: no worse than measured (right ≥ 83.5 %, wrong ≤ 6 %)', () => holds('dialogue-holdout-20.jsonl', 300, 0.835, 0.06));
  // Two blind sets written in the thirteenth session (6 Dec 2026), measured whole on arrival at 89532c7: set 25 (a
  // northern-midland province) 272/313 right, 14 wrong; set 26 (the Mekong delta) 278/323, 15 wrong. Each split 60/60
  // by first tag (`random.Random(20261207)` and `random.Random(20261208)`): tune-15 133/157, 7 wrong and tune-16
  // 147/165, 7 wrong (read and tuned on: 150/157, 1 wrong and 161/165, 2 wrong after the kept batch); holdout-21
  // 139/156, 7 wrong and holdout-22 132/158, 8 wrong (never read; 139/156, 7 and 137/158, 7 after the batch).
  it('fifteenth tuning part: no worse than measured (right ≥ 98 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-15.jsonl', 150, 0.98, 0.007));
  it('sixteenth tuning part: no worse than measured (right ≥ 98.1 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-16.jsonl', 150, 0.981, 0.007));
  it('twenty-first held-out part: no worse than measured (right ≥ 89.1 %, wrong ≤ 4.5 %)', () => holds('dialogue-holdout-21.jsonl', 150, 0.891, 0.045));
  // Right bound lowered in the fourteenth session (137 → 135 of 158) with the first batch, kept on its held-out look
  // (30 parts: +19 right, 4 wrong fewer).
  it('twenty-second held-out part: no worse than measured (right ≥ 85.4 %, wrong ≤ 4.5 %)', () => holds('dialogue-holdout-22.jsonl', 150, 0.854, 0.045));
  // Two more blind sets written in the thirteenth session: set 27 (the Red River delta) and set 28 (the Central
  // Highlands), measured whole on arrival at 89532c7: 283/316 right, 13 wrong and 271/313, 18 wrong (273/313, 16 wrong
  // at 18d13c7). Split 60/60 by first tag (`random.Random(20261209)` and `random.Random(20261210)`): tune-17 146/164,
  // 5 wrong and tune-18 134/152, 12 wrong at 18d13c7 (read and tuned on: 158/164, 0 wrong and 141/152, 5 wrong after the
  // kept batch); holdout-23 137/152, 8 wrong and holdout-24 139/161, 4 wrong at 18d13c7 (never read; 137/152, 8 and
  // 140/161, 4 after the batch).
  it('seventeenth tuning part: no worse than measured (right ≥ 96.3 %, wrong ≤ 0.6 %)', () => holds('dialogue-tune-17.jsonl', 150, 0.963, 0.006));
  it('eighteenth tuning part: no worse than measured (right ≥ 92.7 %, wrong ≤ 3.3 %)', () => holds('dialogue-tune-18.jsonl', 150, 0.927, 0.033));
  it('twenty-third held-out part: no worse than measured (right ≥ 90.1 %, wrong ≤ 5.3 %)', () => holds('dialogue-holdout-23.jsonl', 150, 0.901, 0.053));
  it('twenty-fourth held-out part: no worse than measured (right ≥ 86.9 %, wrong ≤ 2.5 %)', () => holds('dialogue-holdout-24.jsonl', 150, 0.869, 0.025));
  // The session's last two blind sets: set 29 (the south-central coast) and set 30 (the northern mountains, plain
  // Vietnamese), measured whole on arrival at 962cff5: 264/305 right, 9 wrong and 262/319, 17 wrong (519/624, 26 wrong
  // together at 89532c7). Split 60/60 by first tag (`random.Random(20261211)` and `random.Random(20261212)`): tune-19
  // 131/150, 3 wrong and tune-20 136/159, 10 wrong (read and tuned on: 136/150, 1 wrong and 148/159, 2 wrong after the
  // kept batch); holdout-25 133/155, 6 wrong and holdout-26 126/160, 7 wrong (never read; 136/155, 6 and 128/160, 6
  // after the batch).
  it('nineteenth tuning part: no worse than measured (right ≥ 90.6 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-19.jsonl', 140, 0.906, 0.007));
  it('twentieth tuning part: no worse than measured (right ≥ 93 %, wrong ≤ 1.3 %)', () => holds('dialogue-tune-20.jsonl', 150, 0.93, 0.013));
  it('twenty-fifth held-out part: no worse than measured (right ≥ 87.7 %, wrong ≤ 3.9 %)', () => holds('dialogue-holdout-25.jsonl', 150, 0.877, 0.039));
  it('twenty-sixth held-out part: no worse than measured (right ≥ 80 %, wrong ≤ 3.8 %)', () => holds('dialogue-holdout-26.jsonl', 150, 0.80, 0.038));
  // Sets 31 (Quảng Ngãi with the former Kon Tum) and 32 (a southern city-province), written at the session's end and
  // measured whole on arrival at 6792708: 286/324 right, 10 wrong and 273/321, 17 wrong (544/645, 31 wrong together at
  // 89532c7). Split 60/60 by first tag (`random.Random(20261213)` and `random.Random(20261214)`); the batch found on the
  // tuning halves failed its look and was dropped; two smaller ones passed theirs (a language request read as typed;
  // dossier follow-up words and queue, bribe and double-charge complaints): tune-21 150/165, 7 wrong, tune-22 147/167,
  // 4 wrong; holdout-27 143/159, holdout-28 unchanged.
  it('twenty-first tuning part: no worse than measured (right ≥ 90.9 %, wrong ≤ 4.3 %)', () => holds('dialogue-tune-21.jsonl', 150, 0.909, 0.043));
  it('twenty-second tuning part: no worse than measured (right ≥ 88 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-22.jsonl', 150, 0.88, 0.024));
  // Wrong bound lowered in the sixteenth session (2 → 3 of 159) with its first batch, kept on its held-out look; and
  // in the eighteenth (146 → 145 right, 3 → 4 wrong) with its second batch, kept at its criterion's boundary.
  it('twenty-seventh held-out part: no worse than measured (right ≥ 91.1 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-27.jsonl', 150, 0.911, 0.026));
  // Wrong bound lowered in the fourteenth session (12 → 13 of 154) with the first batch, kept on its held-out look,
  // and in the sixteenth (13 → 14) with its second batch, kept on its look.
  it('twenty-eighth held-out part: no worse than measured (right ≥ 85.7 %, wrong ≤ 9.1 %)', () => holds('dialogue-holdout-28.jsonl', 150, 0.857, 0.091));
  // Sets 33 (the capital region) and 34 (the North Central coast and its words), written at the start of the
  // fourteenth session and measured whole on arrival at 9fa92f1: 288/316 right, 11 wrong and 271/316, 14 wrong. Split
  // 60/60 by first tag (`random.Random(20261215)` and `random.Random(20261216)`): tune-23 142/158, 8 wrong and tune-24
  // 143/163, 10 wrong (read and tuned on: 149/158, 4 wrong and 154/163, 5 wrong after two kept batches); holdout-29
  // 146/158, 3 wrong and holdout-30 128/153, 4 wrong (never read; 146/158, 3 and 130/153, 4 after them).
  it('twenty-third tuning part: no worse than measured (right ≥ 94.3 %, wrong ≤ 2.6 %)', () => holds('dialogue-tune-23.jsonl', 150, 0.943, 0.026));
  it('twenty-fourth tuning part: no worse than measured (right ≥ 94.4 %, wrong ≤ 3.1 %)', () => holds('dialogue-tune-24.jsonl', 150, 0.944, 0.031));
  it('twenty-ninth held-out part: no worse than measured (right ≥ 92.4 %, wrong ≤ 1.9 %)', () => holds('dialogue-holdout-29.jsonl', 150, 0.924, 0.019));
  it('thirtieth held-out part: no worse than measured (right ≥ 84.9 %, wrong ≤ 2.7 %)', () => holds('dialogue-holdout-30.jsonl', 150, 0.849, 0.027));
  // Sets 36 (the western Mekong delta) and 35 (the northern coast), written in the fourteenth session after its two
  // kept batches and kept whole as held out: 262/303 right, 9 wrong and 294/327, 13 wrong at f2d1c64 (262/303, 9 and
  // 293/327, 13 at the session's starting commit 9fa92f1); 262/303 and 295/327 after the third. Never read.
  it('thirty-first held-out part: no worse than measured (right ≥ 86.4 %, wrong ≤ 3 %)', () => holds('dialogue-holdout-31.jsonl', 250, 0.864, 0.03));
  // Its wrong bound rose in the fifteenth session from 13 to 14 turns (301/327 right either way): the session's third
  // batch passed its held-out look as a whole (42 parts: +4 right, wrong the same).
  it('thirty-second held-out part: no worse than measured (right ≥ 90.2 %, wrong ≤ 4.3 %)', () => holds('dialogue-holdout-32.jsonl', 250, 0.902, 0.043));
  // Sets 37 (the Red River delta countryside) and 38 (Huế and Quảng Trị), written at the fourteenth session's end,
  // after its last change, and kept whole as held out: 282/310 right, 8 wrong and 284/313, 7 wrong at 9a51291
  // (279/310, 8 and 282/313, 7 at the session's starting commit 9fa92f1). Never read.
  it('thirty-third held-out part: no worse than measured (right ≥ 90.9 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-33.jsonl', 250, 0.909, 0.026));
  // Lowered in the fifteenth session (284/313, 7 wrong → 283/313, 8): its second batch passed its held-out look as a
  // whole (40 parts: +12 right, 3 wrong fewer) with this part one turn worse.
  it('thirty-fourth held-out part: no worse than measured (right ≥ 90.4 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-34.jsonl', 250, 0.904, 0.026));
  // Sets 39 (the Central Highlands) and 40 (Khánh Hòa and Ninh Thuận), written after the fourteenth session's sixth
  // kept batch and measured whole on arrival at 15dc1f1: 279/314 right, 9 wrong and 272/305, 7 wrong (274/314, 9 and
  // 261/305, 11 at the session's starting commit 9fa92f1). Split 60/60 by first tag (`random.Random(20261217)` and
  // `random.Random(20261218)`): tune-25 136/156, 5 wrong and tune-26 146/158, 3 wrong (read and tuned on: 143/156, 4
  // and 152/158, 0 after the last batch); holdout-35 143/158, 4 wrong and holdout-36 126/147, 4 wrong (never read;
  // the same after it).
  // Lowered in the seventeenth session: "người yêu" read as one word (its "người" had made plain marriages read as
  // marriages with a foreigner) also undid one conversation here that had reached the foreign marriage through that
  // "người" (144 → 142 right, 4 → 6 wrong); the fourth batch was kept on the held-out totals (+8 right, −7 wrong).
  it('twenty-fifth tuning part: no worse than measured (right ≥ 91 %, wrong ≤ 3.9 %)', () => holds('dialogue-tune-25.jsonl', 150, 0.91, 0.039));
  it('twenty-sixth tuning part: no worse than measured (right ≥ 96.2 %, wrong ≤ 0 %)', () => holds('dialogue-tune-26.jsonl', 150, 0.962, 0));
  it('thirty-fifth held-out part: no worse than measured (right ≥ 90.5 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-35.jsonl', 150, 0.905, 0.026));
  it('thirty-sixth held-out part: no worse than measured (right ≥ 85.7 %, wrong ≤ 2.8 %)', () => holds('dialogue-holdout-36.jsonl', 140, 0.857, 0.028));
  // Sets 41 (the north-western mountains) and 42 (Hồ Chí Minh City's outer districts and Long An), written last in the
  // fourteenth session and measured whole on arrival at 898a5f4: 273/303 right, 13 wrong and 284/309, 2 wrong (271/303,
  // 13 and 283/309, 2 at the session's starting commit 9fa92f1). Split 60/60 by first tag (`random.Random(20261219)`
  // and `random.Random(20261220)`): tune-27 128/149, 9 wrong and tune-28 145/157, 0 wrong (read and tuned on: 132/149,
  // 8 and 149/157, 0 after the last batch); holdout-37 145/154, 4 wrong and holdout-38 139/152, 2 wrong (never read;
  // 146/154, 4 and 139/152, 2 after it).
  it('twenty-seventh tuning part: no worse than measured (right ≥ 88.5 %, wrong ≤ 5.4 %)', () => holds('dialogue-tune-27.jsonl', 140, 0.885, 0.054));
  it('twenty-eighth tuning part: no worse than measured (right ≥ 94.9 %, wrong ≤ 0 %)', () => holds('dialogue-tune-28.jsonl', 150, 0.949, 0));
  it('thirty-seventh held-out part: no worse than measured (right ≥ 94.8 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-37.jsonl', 150, 0.948, 0.026));
  it('thirty-eighth held-out part: no worse than measured (right ≥ 91.4 %, wrong ≤ 1.4 %)', () => holds('dialogue-holdout-38.jsonl', 150, 0.914, 0.014));
  // Sets 43 (Đồng Nai, Bình Dương, Bà Rịa–Vũng Tàu) and 44 (Bắc Ninh, Bắc Giang, Thái Nguyên), written at the start of
  // the fifteenth session and measured whole on arrival at its starting commit e2c9680: 275/308 right, 6 wrong and
  // 274/300, 10 wrong (271/308, 7 and 273/300, 9 at 9fa92f1). Split 60/60 by first tag (`random.Random(20261221)` and
  // `random.Random(20261222)`): tune-29 131/151, 4 wrong and tune-30 131/148, 6 wrong at e2c9680 (read and tuned on:
  // 136/151, 2 and 141/148, 0 after the session's third batch); holdout-39 144/157, 2 wrong and holdout-40 143/152,
  // 4 wrong at e2c9680 (never read; 148/157, 0 and 144/152, 3 after the third batch).
  it('twenty-ninth tuning part: no worse than measured (right ≥ 90 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-29.jsonl', 150, 0.9, 0.014));
  it('thirtieth tuning part: no worse than measured (right ≥ 95.2 %, wrong ≤ 0 %)', () => holds('dialogue-tune-30.jsonl', 140, 0.952, 0));
  // Lowered in the seventeenth session: its second batch, kept on the held-out totals (+22 right, −3 wrong), left one
  // of this part's turns asked instead of answered (148 → 147 right, still none wrong). Its wrong bound lowered in the
  // eighteenth (0 → 1 of 157): the fourth batch, kept on the held-out totals (+5 right, −5 wrong), answered one of its
  // right turns with another procedure.
  it('thirty-ninth held-out part: no worse than measured (right ≥ 93.6 %, wrong ≤ 0.7 %)', () => holds('dialogue-holdout-39.jsonl', 150, 0.936, 0.007));
  it('fortieth held-out part: no worse than measured (right ≥ 94.7 %, wrong ≤ 2 %)', () => holds('dialogue-holdout-40.jsonl', 150, 0.947, 0.02));
  // Sets 45 (Đà Nẵng and Quảng Nam) and 46 (Tây Ninh and Bình Phước), written in the fifteenth session after its second
  // batch and measured whole on arrival: 280/308 right, 6 wrong and 273/309, 13 wrong at f12e1e2 (280/308, 6 and
  // 272/309, 13 at e2c9680). Split 60/60 by first tag (`random.Random(20261223)` and `random.Random(20261224)`):
  // tune-31 137/152, 2 wrong and tune-32 143/156, 5 wrong at f12e1e2 (read and tuned on: 141/152, 1 and 151/156, 0
  // after the third batch); holdout-41 143/156, 4 wrong and holdout-42 130/153, 8 wrong (never read; the same after it).
  // Lowered with the fifteenth session's fifth batch (141 → 140/152): a plot cut "ra làm ba sổ" is split, so an
  // inheritance to be split with no certificate yet, labelled a question, is now answered as the split.
  it('thirty-first tuning part: no worse than measured (right ≥ 92.1 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-31.jsonl', 150, 0.921, 0.007));
  it('thirty-second tuning part: no worse than measured (right ≥ 96.7 %, wrong ≤ 0 %)', () => holds('dialogue-tune-32.jsonl', 150, 0.967, 0));
  it('forty-first held-out part: no worse than measured (right ≥ 91.6 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-41.jsonl', 150, 0.916, 0.026));
  it('forty-second held-out part: no worse than measured (right ≥ 84.9 %, wrong ≤ 5.3 %)', () => holds('dialogue-holdout-42.jsonl', 150, 0.849, 0.053));
  // Sets 47 (Hà Giang, Cao Bằng, Lạng Sơn) and 48 (Vĩnh Long, Trà Vinh, Bến Tre), written in the fifteenth session
  // after its third batch and kept whole as held out: 271/309 right, 15 wrong and 279/314, 7 wrong on arrival at b0c9894
  // (271/309, 15 and 280/314, 7 at the session's starting commit e2c9680); 271/309, 15 and 283/314, 6 after its fourth
  // batch. Never read.
  it('forty-third held-out part: no worse than measured (right ≥ 87.7 %, wrong ≤ 4.9 %)', () => holds('dialogue-holdout-43.jsonl', 250, 0.877, 0.049));
  it('forty-fourth held-out part: no worse than measured (right ≥ 90.1 %, wrong ≤ 2 %)', () => holds('dialogue-holdout-44.jsonl', 250, 0.901, 0.02));
  // Sets 49 (weighted to complaints: 60 of 120 conversations) and 50 (weighted to elderly stories and choices), written
  // late in the fifteenth session for the strata weakest on the held-out parts' per-tag totals, measured whole on
  // arrival at 8539a6b: 253/297 right, 19 wrong and 258/311, 16 wrong. Split 60/60 by first tag
  // (`random.Random(20261225)` and `random.Random(20261226)`): tune-33 128/146, 5 wrong and tune-34 126/157, 10 wrong
  // (read and tuned on: 139/146, 2 and 131/157, 6 after the fifth batch); holdout-45 125/151, 14 wrong and holdout-46
  // 132/154, 6 wrong (never read; 126/151, 13 and 132/154, 6 after it).
  it('thirty-third tuning part: no worse than measured (right ≥ 95.2 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-33.jsonl', 140, 0.952, 0.014));
  it('thirty-fourth tuning part: no worse than measured (right ≥ 83.4 %, wrong ≤ 3.9 %)', () => holds('dialogue-tune-34.jsonl', 150, 0.834, 0.039));
  it('forty-fifth held-out part: no worse than measured (right ≥ 83.4 %, wrong ≤ 8.7 %)', () => holds('dialogue-holdout-45.jsonl', 150, 0.834, 0.087));
  it('forty-sixth held-out part: no worse than measured (right ≥ 85.7 %, wrong ≤ 3.9 %)', () => holds('dialogue-holdout-46.jsonl', 150, 0.857, 0.039));
  // Sets 51 (the Bình Định and Phú Yên coast) and 52 (Cà Mau, Bạc Liêu, Hậu Giang), written at the start of the
  // sixteenth session and kept whole as held out: 290/314 right, 9 wrong and 288/313, 11 wrong on arrival at aaec4be
  // (288/314, 10 and 285/313, 12 at e2c9680); 290/314, 9 and 289/313, 10 after the session's first batch. Never read.
  it('forty-seventh held-out part: no worse than measured (right ≥ 92.3 %, wrong ≤ 2.9 %)', () => holds('dialogue-holdout-47.jsonl', 300, 0.923, 0.029));
  it('forty-eighth held-out part: no worse than measured (right ≥ 92.3 %, wrong ≤ 3.2 %)', () => holds('dialogue-holdout-48.jsonl', 300, 0.923, 0.032));
  // Sets 53 (Phú Thọ, Vĩnh Phúc, Hòa Bình) and 54 (central Hồ Chí Minh City, 14 conversations in English), written in
  // the sixteenth session after its second batch and kept whole as held out: 296/315 right, 7 wrong and 269/313, 18
  // wrong on arrival at a6cd7c0 (293/315, 7 and 264/313, 19 at the session's starting commit aaec4be); 299/315, 7 and
  // 269/313, 18 after its third batch. Never read.
  it('forty-ninth held-out part: no worse than measured (right ≥ 94.9 %, wrong ≤ 2.3 %)', () => holds('dialogue-holdout-49.jsonl', 300, 0.949, 0.023));
  it('fiftieth held-out part: no worse than measured (right ≥ 85.9 %, wrong ≤ 5.8 %)', () => holds('dialogue-holdout-50.jsonl', 300, 0.859, 0.058));
  // Sets 55 (Lào Cai, Yên Bái, Tuyên Quang) and 56 (Đồng Tháp, Tiền Giang), written in the sixteenth session after its
  // fourth batch and kept whole as held out: 270/299 right, 4 wrong and 294/318, 2 wrong on arrival at 43108b8
  // (269/299, 4 and 291/318, 5 at the session's starting commit aaec4be); unchanged by its fifth batch. Never read.
  it('fifty-first held-out part: no worse than measured (right ≥ 90.3 %, wrong ≤ 1.4 %)', () => holds('dialogue-holdout-51.jsonl', 290, 0.903, 0.014));
  it('fifty-second held-out part: no worse than measured (right ≥ 92.4 %, wrong ≤ 0.7 %)', () => holds('dialogue-holdout-52.jsonl', 300, 0.924, 0.007));
  // Sets 57 (Quảng Ninh, Hải Phòng) and 58 (Nghệ An, Hà Tĩnh), written at the start of the seventeenth session, measured
  // whole on arrival at 2924901 (275/312 right, 8 wrong and 273/310, 10 wrong), then read and tuned on.
  it('thirty-fifth tuning part: no worse than measured (right ≥ 91.9 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-35.jsonl', 300, 0.919, 0.004));
  it('thirty-sixth tuning part: no worse than measured (right ≥ 92.9 %, wrong ≤ 1.7 %)', () => holds('dialogue-tune-36.jsonl', 300, 0.929, 0.017));
  // Sets 61 (Thanh Hóa, Ninh Bình) and 62 (the Hà Nội outskirts, Hưng Yên, Hải Dương), written after the seventeenth
  // session's first batch, measured whole on arrival at 032c01a (282/311 right, 9 wrong and 276/311, 6 wrong; the same
  // at 2924901), then read and tuned on.
  it('thirty-seventh tuning part: no worse than measured (right ≥ 95.4 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-37.jsonl', 300, 0.954, 0.007));
  it('thirty-eighth tuning part: no worse than measured (right ≥ 93.5 %, wrong ≤ 1.3 %)', () => holds('dialogue-tune-38.jsonl', 300, 0.935, 0.013));
  // Sets 59 (Đắk Lắk, Gia Lai, Kon Tum) and 60 (Cần Thơ, Sóc Trăng, Bạc Liêu), written at the start of the seventeenth
  // session and kept whole as held out: 265/304 right, 10 wrong and 269/315, 16 wrong on arrival at 2924901; unchanged
  // by the session's first batch; 265/304, 10 and 272/315, 15 after its second; 266/304, 10 and 273/315, 15 after its
  // third, unchanged by its fourth and fifth. Never read.
  it('fifty-third held-out part: no worse than measured (right ≥ 87.1 %, wrong ≤ 3.3 %)', () => holds('dialogue-holdout-53.jsonl', 300, 0.871, 0.033));
  it('fifty-fourth held-out part: no worse than measured (right ≥ 85.3 %, wrong ≤ 5.1 %)', () => holds('dialogue-holdout-54.jsonl', 300, 0.853, 0.051));
  // Sets 65 (Nam Định, Thái Bình, Hà Nam) and 66 (Kiên Giang, An Giang), written after the seventeenth session's second
  // batch, measured whole on arrival at c0c7659 (270/321 right, 15 wrong and 253/299, 9 wrong; 266/321, 16 and 250/299,
  // 10 at 2924901), then read and tuned on.
  it('thirty-ninth tuning part: no worse than measured (right ≥ 88.4 %, wrong ≤ 3.2 %)', () => holds('dialogue-tune-39.jsonl', 300, 0.884, 0.032));
  it('fortieth tuning part: no worse than measured (right ≥ 89.6 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-40.jsonl', 290, 0.896, 0.024));
  // Sets 63 (Hà Giang, Điện Biên) and 64 (Bình Thuận, Ninh Thuận), written with them and kept whole as held out:
  // 274/313 right, 10 wrong and 247/301, 19 wrong on arrival at c0c7659 (273/313, 10 and 245/301, 19 at 2924901);
  // 275/313, 10 and 248/301, 19 after the third batch; 275/313, 10 and 250/301, 19 after the fifth. Never read.
  it('fifty-fifth held-out part: no worse than measured (right ≥ 87.8 %, wrong ≤ 3.2 %)', () => holds('dialogue-holdout-55.jsonl', 300, 0.878, 0.032));
  it('fifty-sixth held-out part: no worse than measured (right ≥ 82.3 %, wrong ≤ 6.4 %)', () => holds('dialogue-holdout-56.jsonl', 290, 0.823, 0.064));
  // Sets 67 (Lâm Đồng, Đắk Nông) and 68 (inner Hà Nội), written after the seventeenth session's fifth batch and kept
  // whole as held out: 284/314 right, 14 wrong and 276/311, 7 wrong on arrival at ce2d478 (280/314, 18 and 276/311, 7
  // at the session's starting commit 2924901). Never read.
  it('fifty-seventh held-out part: no worse than measured (right ≥ 90.4 %, wrong ≤ 4.5 %)', () => holds('dialogue-holdout-57.jsonl', 300, 0.904, 0.045));
  it('fifty-eighth held-out part: no worse than measured (right ≥ 88.7 %, wrong ≤ 2.3 %)', () => holds('dialogue-holdout-58.jsonl', 300, 0.887, 0.023));
  // Sets 69 (Huế, Quảng Trị, Quảng Bình) and 72 (Đà Nẵng, Quảng Nam, Quảng Ngãi), written at the start of the
  // eighteenth session, measured whole on arrival at 48a2b0c (274/300 right, 6 wrong and 273/305, 15 wrong), then read
  // and tuned on; sets 75 (Vĩnh Long, Bến Tre, Trà Vinh) and 73 (Phú Yên, Khánh Hòa), written after its second batch,
  // likewise (276/304, 6 wrong on arrival at fde2357; 279/302, 9 wrong at c815b43).
  it('forty-first tuning part: no worse than measured (right ≥ 95.6 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-41.jsonl', 290, 0.956, 0.01));
  it('forty-second tuning part: no worse than measured (right ≥ 92.4 %, wrong ≤ 3.0 %)', () => holds('dialogue-tune-42.jsonl', 290, 0.924, 0.03));
  it('forty-third tuning part: no worse than measured (right ≥ 95.3 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-43.jsonl', 290, 0.953, 0.007));
  it('forty-fourth tuning part: no worse than measured (right ≥ 96.3 %, wrong ≤ 1.7 %)', () => holds('dialogue-tune-44.jsonl', 290, 0.963, 0.017));
  // Sets 70 (Hồ Chí Minh City after the mergers) and 71 (Bắc Ninh, Bắc Giang, Thái Nguyên), written with sets 69 and 72
  // and kept whole as held out: 272/300 right, 7 wrong and 292/311, 2 wrong on arrival at 48a2b0c; 273/300, 7 and
  // 293/311, 1 after the session's first batch; 271/300, 9 and 294/311, 0 after its second, kept by the criterion over
  // all held-out parts at its boundary (+4 right, +2 wrong), so the fifty-ninth's bounds were lowered; 272/300, 8 after
  // its fourth. Never read.
  it('fifty-ninth held-out part: no worse than measured (right ≥ 90.3 %, wrong ≤ 3.0 %)', () => holds('dialogue-holdout-59.jsonl', 290, 0.903, 0.03));
  it('sixtieth held-out part: no worse than measured (right ≥ 94.5 %, wrong ≤ 0.0 %)', () => holds('dialogue-holdout-60.jsonl', 300, 0.945, 0));
  // Sets 74 (Sơn La, Lai Châu, Yên Bái) and 76 (Vinh and the Hà Tĩnh mountains), written after the session's second
  // batch and kept whole as held out: 287/312 right, 13 wrong and 288/307, 3 wrong on arrival at c815b43 (after the third
  // batch); 283/312, 15 and 286/307, 4 at 48a2b0c; unchanged by the fourth; 287/312, 13 and 290/307, 3 after the
  // fifth. Never read.
  it('sixty-first held-out part: no worse than measured (right ≥ 91.9 %, wrong ≤ 4.2 %)', () => holds('dialogue-holdout-61.jsonl', 300, 0.919, 0.042));
  // Wrong bound lowered on 7 Dec 2026 (nineteenth session): the third batch (a circumstance of the people remembered
  // for the conversation), kept on the held-out totals (9 right more, 8 wrong fewer), made two turns here wrong that
  // were missed (290 right either way; 3 → 5 wrong).
  it('sixty-second held-out part: no worse than measured (right ≥ 94.4 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-62.jsonl', 300, 0.944, 0.017));
  // Sets 77 (Huế and Quảng Trị) and 78 (Bình Dương and Đồng Nai), written at the start of the nineteenth session,
  // measured whole on arrival at 1057709 (284/301 right, 9 wrong and 271/298, 5 wrong), then read and tuned on.
  it('forty-fifth tuning part: no worse than measured (right ≥ 93.2 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-45.jsonl', 290, 0.932, 0.014));
  it('forty-sixth tuning part: no worse than measured (right ≥ 96.6 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-46.jsonl', 290, 0.966, 0.024));
  // Sets 79 (inner Hà Nội) and 80 (Sơn La and Lai Châu), written with sets 77 and 78 and kept whole as held out:
  // 273/305 right, 5 wrong and 276/308, 11 wrong on arrival at 1057709; 273/305, 5 and 279/308, 8 at 7e0d23e. Never read.
  it('sixty-third held-out part: no worse than measured (right ≥ 89.5 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-63.jsonl', 300, 0.895, 0.017));
  it('sixty-fourth held-out part: no worse than measured (right ≥ 90.5 %, wrong ≤ 2.6 %)', () => holds('dialogue-holdout-64.jsonl', 300, 0.905, 0.026));
  // Sets 81 (inland Quảng Ngãi and Bình Định) and 82 (Cần Thơ and Hậu Giang), written after the nineteenth session's
  // fourth batch, kept whole and measured once at its last change 7e0d23e: 286/312, 6 wrong and 289/313, 3 wrong, the
  // same as at its starting commit 1057709 (no turn changed). Never read.
  it('sixty-fifth held-out part: no worse than measured (right ≥ 91.6 %, wrong ≤ 2.0 %)', () => holds('dialogue-holdout-65.jsonl', 300, 0.916, 0.02));
  it('sixty-sixth held-out part: no worse than measured (right ≥ 92.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-66.jsonl', 300, 0.923, 0.01));
  // Sets 83 (Hải Phòng and Quảng Ninh) and 84 (Nghệ An and Hà Tĩnh), written at the start of the twentieth session,
  // measured whole on arrival at d6a5257 (286/307 right, 7 wrong and 262/302, 8 wrong), then read and tuned on.
  it('forty-seventh tuning part: no worse than measured (right ≥ 97.7 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-47.jsonl', 300, 0.977, 0.004));
  it('forty-eighth tuning part: no worse than measured (right ≥ 92.7 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-48.jsonl', 290, 0.927, 0.014));
  it('forty-ninth tuning part: no worse than measured (right ≥ 97.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-49.jsonl', 300, 0.973, 0.01));
  it('fiftieth tuning part: no worse than measured (right ≥ 98.3 %, wrong ≤ 0 %)', () => holds('dialogue-tune-50.jsonl', 300, 0.983, 0));
  it('fifty-first tuning part: no worse than measured (right ≥ 98.3 %, wrong ≤ 0 %)', () => holds('dialogue-tune-51.jsonl', 300, 0.983, 0));
  it('fifty-second tuning part: no worse than measured (right ≥ 95.9 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-52.jsonl', 290, 0.959, 0.007));
  it('fifty-third tuning part: no worse than measured (right ≥ 91.1 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-53.jsonl', 300, 0.911, 0.014));
  it('fifty-fourth tuning part: no worse than measured (right ≥ 96.6 %, wrong ≤ 0 %)', () => holds('dialogue-tune-54.jsonl', 300, 0.966, 0));
  // Sets 99, 100, 102, 103 and 105 (written at the twenty-second round's start) and 107 … 110 (written after its first
  // batch), read and tuned on; measured at the round's last change e037879.
  it('fifty-fifth tuning part: no worse than measured (right ≥ 94.7 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-55.jsonl', 300, 0.947, 0.007));
  it('fifty-sixth tuning part: no worse than measured (right ≥ 95.0 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-56.jsonl', 300, 0.95, 0.024));
  it('fifty-seventh tuning part: no worse than measured (right ≥ 96.0 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-57.jsonl', 300, 0.96, 0.014));
  it('fifty-eighth tuning part: no worse than measured (right ≥ 95.6 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-58.jsonl', 300, 0.956, 0.007));
  it('fifty-ninth tuning part: no worse than measured (right ≥ 97.0 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-59.jsonl', 300, 0.97, 0.007));
  it('sixtieth tuning part: no worse than measured (right ≥ 93.7 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-60.jsonl', 300, 0.937, 0.004));
  it('sixty-first tuning part: no worse than measured (right ≥ 93.1 %, wrong ≤ 2.0 %)', () => holds('dialogue-tune-61.jsonl', 300, 0.931, 0.02));
  it('sixty-second tuning part: no worse than measured (right ≥ 87.7 %, wrong ≤ 2.9 %)', () => holds('dialogue-tune-62.jsonl', 310, 0.877, 0.029));
  it('sixty-third tuning part: no worse than measured (right ≥ 95.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-63.jsonl', 300, 0.953, 0.01));
  // Sets 114 (Thái Nguyên) and 115 (Quảng Trị), written after the round's docs commit, read and tuned on; measured at
  // its fourth batch 07ed221.
  it('sixty-fourth tuning part: no worse than measured (right ≥ 91.6 %, wrong ≤ 3.7 %)', () => holds('dialogue-tune-64.jsonl', 300, 0.916, 0.037));
  it('sixty-fifth tuning part: no worse than measured (right ≥ 95.0 %, wrong ≤ 3.0 %)', () => holds('dialogue-tune-65.jsonl', 300, 0.95, 0.03));
  // Sets 116 (Đắk Nông), 118 (the Quảng Nam mountains) and 120 (the islands), written at the twenty-third round's
  // start, read and tuned on; measured at its fourth batch ff154d9.
  it('sixty-sixth tuning part: no worse than measured (right ≥ 94.7 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-66.jsonl', 300, 0.947, 0.024));
  it('sixty-seventh tuning part: no worse than measured (right ≥ 95.6 %, wrong ≤ 0.0 %)', () => holds('dialogue-tune-67.jsonl', 300, 0.956, 0));
  it('sixty-eighth tuning part: no worse than measured (right ≥ 94.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-68.jsonl', 300, 0.943, 0.01));
  // Sets 128 (the big markets' stallholders), 130 (young couples and new parents in Đà Nẵng and Hội An) and 132 (the
  // Mường villages of Hòa Bình and western Thanh Hóa), written at the twenty-fourth round's start, read and tuned on;
  // measured at its last change a0e5bc6.
  it('sixty-ninth tuning part: no worse than measured (right ≥ 99.0 %, wrong ≤ 0.0 %)', () => holds('dialogue-tune-69.jsonl', 300, 0.99, 0));
  it('seventieth tuning part: no worse than measured (right ≥ 96.3 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-70.jsonl', 300, 0.963, 0.004));
  it('seventy-first tuning part: no worse than measured (right ≥ 96.6 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-71.jsonl', 300, 0.966, 0.014));
  // Sets 137 (Quảng Ninh), 139 (Bình Định and the former Phú Yên) and 141 (Tây Ninh and the former Bình Phước), written
  // at the twenty-fifth round's start, and 146 (Sơn La), 147 (teachers and school staff) and 148 (vehicle owners),
  // written after its second batch; read and tuned on, measured at its last change 1010dd5 (282/300, 6 wrong; 276/301, 5
  // wrong; 274/299, 12 wrong; 274/305, 14 wrong; 280/302, 10 wrong; 233/298, 15 wrong at 0623b6a).
  it('seventy-second tuning part: no worse than measured (right ≥ 96.0 %, wrong ≤ 2.0 %)', () => holds('dialogue-tune-72.jsonl', 290, 0.96, 0.02));
  it('seventy-third tuning part: no worse than measured (right ≥ 96.0 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-73.jsonl', 290, 0.96, 0.01));
  it('seventy-fourth tuning part: no worse than measured (right ≥ 97.9 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-74.jsonl', 290, 0.979, 0.004));
  it('seventy-fifth tuning part: no worse than measured (right ≥ 92.4 %, wrong ≤ 2.7 %)', () => holds('dialogue-tune-75.jsonl', 290, 0.924, 0.027));
  it('seventy-sixth tuning part: no worse than measured (right ≥ 93.3 %, wrong ≤ 2.7 %)', () => holds('dialogue-tune-76.jsonl', 290, 0.933, 0.027));
  it('seventy-seventh tuning part: no worse than measured (right ≥ 79.8 %, wrong ≤ 4.7 %)', () => holds('dialogue-tune-77.jsonl', 290, 0.798, 0.047));
  // Sets 149, 151, 153 (written at the twenty-sixth round's start) and 158–160 (written during its second batch), read
  // and tuned on; floors at their figures at a8b1bb7.
  it('seventy-eighth tuning part: no worse than measured (right ≥ 95.0 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-78.jsonl', 290, 0.95, 0.01));
  it('seventy-ninth tuning part: no worse than measured (right ≥ 90.2 %, wrong ≤ 2.0 %)', () => holds('dialogue-tune-79.jsonl', 290, 0.902, 0.02));
  it('eightieth tuning part: no worse than measured (right ≥ 94.9 %, wrong ≤ 1.7 %)', () => holds('dialogue-tune-80.jsonl', 290, 0.949, 0.017));
  it('eighty-first tuning part: no worse than measured (right ≥ 91.3 %, wrong ≤ 2.4 %)', () => holds('dialogue-tune-81.jsonl', 290, 0.913, 0.024));
  it('eighty-second tuning part: no worse than measured (right ≥ 94.7 %, wrong ≤ 1.4 %)', () => holds('dialogue-tune-82.jsonl', 290, 0.947, 0.014));
  it('eighty-third tuning part: no worse than measured (right ≥ 92.9 %, wrong ≤ 1.1 %)', () => holds('dialogue-tune-83.jsonl', 290, 0.929, 0.011));
  // Sets 161, 163, 165 (written at the twenty-seventh round's start) and 170–172 (written during its first batch), read
  // and tuned on; floors at their figures at 817e81f.
  it('eighty-fourth tuning part: no worse than measured (right ≥ 93.7 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-84.jsonl', 290, 0.937, 0.01));
  it('eighty-fifth tuning part: no worse than measured (right ≥ 96.7 %, wrong ≤ 0.4 %)', () => holds('dialogue-tune-85.jsonl', 290, 0.967, 0.004));
  it('eighty-sixth tuning part: no worse than measured (right ≥ 94.7 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-86.jsonl', 290, 0.947, 0.007));
  it('eighty-seventh tuning part: no worse than measured (right ≥ 93.4 %, wrong ≤ 2.7 %)', () => holds('dialogue-tune-87.jsonl', 290, 0.934, 0.027));
  it('eighty-eighth tuning part: no worse than measured (right ≥ 92.8 %, wrong ≤ 1.7 %)', () => holds('dialogue-tune-88.jsonl', 290, 0.928, 0.017));
  it('eighty-ninth tuning part: no worse than measured (right ≥ 93.6 %, wrong ≤ 1.1 %)', () => holds('dialogue-tune-89.jsonl', 290, 0.936, 0.011));
  // Sets 173, 175, 177 (written at the twenty-eighth round's start) and 182–184 (written during its first batch), read
  // and tuned on; floors at their figures at 27d8b94.
  it('ninetieth tuning part: no worse than measured (right ≥ 94.7 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-90.jsonl', 290, 0.947, 0.007));
  it('ninety-first tuning part: no worse than measured (right ≥ 96.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-tune-91.jsonl', 290, 0.963, 0.01));
  it('ninety-second tuning part: no worse than measured (right ≥ 91.6 %, wrong ≤ 0.7 %)', () => holds('dialogue-tune-92.jsonl', 290, 0.916, 0.007));
  it('ninety-third tuning part: no worse than measured (right ≥ 96.3 %, wrong ≤ 0.0 %)', () => holds('dialogue-tune-93.jsonl', 290, 0.963, 0));
  it('ninety-fourth tuning part: no worse than measured (right ≥ 91.0 %, wrong ≤ 2.0 %)', () => holds('dialogue-tune-94.jsonl', 290, 0.91, 0.02));
  it('ninety-fifth tuning part: no worse than measured (right ≥ 93.3 %, wrong ≤ 2.7 %)', () => holds('dialogue-tune-95.jsonl', 290, 0.933, 0.027));
  // Sets 85 (Thủ Đức and Bình Tân) and 86 (Đắk Lắk and Gia Lai), written with sets 83 and 84 and kept whole as held
  // out: 291/303 right, 4 wrong and 278/306, 14 wrong on arrival at d6a5257; looked at one to three times per batch, never read.
  it('sixty-seventh held-out part: no worse than measured (right ≥ 96.0 %, wrong ≤ 1.4 %)', () => holds('dialogue-holdout-67.jsonl', 300, 0.96, 0.014));
  it('sixty-eighth held-out part: no worse than measured (right ≥ 91.1 %, wrong ≤ 4.6 %)', () => holds('dialogue-holdout-68.jsonl', 300, 0.911, 0.046));
  // Sets 87 (Thanh Hóa and Ninh Bình) and 88 (An Giang, Kiên Giang, Phú Quốc), written with them and measured once,
  // after the session's fourth batch 5e20934: 279/304, 7 wrong and 277/304, 11 wrong (279/304, 7 and 275/304, 12 at its
  // starting commit d6a5257); the fifth batch changed none of their turns. Never read.
  it('sixty-ninth held-out part: no worse than measured (right ≥ 91.7 %, wrong ≤ 2.4 %)', () => holds('dialogue-holdout-69.jsonl', 300, 0.917, 0.024));
  it('seventieth held-out part: no worse than measured (right ≥ 91.1 %, wrong ≤ 3.7 %)', () => holds('dialogue-holdout-70.jsonl', 300, 0.911, 0.037));
  // Sets 89 (the Quảng Bình and Hà Tĩnh coast) and 90 (Long An and Tiền Giang), written after the session's fourth
  // batch was measured and kept whole; measured once, at its fifth batch d878794: 251/297, 21 wrong and 289/302, 3 wrong
  // (250/297, 21 and 289/302, 3 at its starting commit d6a5257). Never read.
  it('seventy-first held-out part: no worse than measured (right ≥ 84.5 %, wrong ≤ 7.1 %)', () => holds('dialogue-holdout-71.jsonl', 290, 0.845, 0.071));
  it('seventy-second held-out part: no worse than measured (right ≥ 95.6 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-72.jsonl', 300, 0.956, 0.01));
  it('seventy-third held-out part: no worse than measured (right ≥ 92.6 %, wrong ≤ 2.7 %)', () => holds('dialogue-holdout-73.jsonl', 300, 0.926, 0.027));
  it('seventy-fourth held-out part: no worse than measured (right ≥ 95.0 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-74.jsonl', 300, 0.95, 0.01));
  // Sets 101 (Kon Tum and Lâm Đồng), 104 (Hồ Chí Minh City's outer districts) and 106 (Cao Bằng, Lạng Sơn and Tuyên
  // Quang), written at the twenty-second round's start, kept whole and measured once at its end (e037879): 282/299, 5
  // wrong; 273/305, 7; 281/308, 3 (281/299, 5; 271/305, 8; 280/308, 4 at its starting commit c58503d). Never read.
  it('seventy-fifth held-out part: no worse than measured (right ≥ 94.3 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-75.jsonl', 290, 0.943, 0.017));
  it('seventy-sixth held-out part: no worse than measured (right ≥ 89.5 %, wrong ≤ 2.3 %)', () => holds('dialogue-holdout-76.jsonl', 300, 0.895, 0.023));
  it('seventy-seventh held-out part: no worse than measured (right ≥ 91.2 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-77.jsonl', 300, 0.912, 0.01));
  // Sets 111 (the Quảng Ngãi coast and Lý Sơn), 112 (the Khmer communities of Sóc Trăng and Trà Vinh) and 113 (the
  // Nam Định and Thái Bình coast), written after the round's third batch, kept whole and measured once at its fourth
  // batch 07ed221: 267/307, 9 wrong; 264/304, 15; 279/305, 6 (265/307, 11; 265/304, 16; 278/305, 7 at c58503d). Never read.
  it('seventy-eighth held-out part: no worse than measured (right ≥ 86.9 %, wrong ≤ 3.0 %)', () => holds('dialogue-holdout-78.jsonl', 300, 0.869, 0.03));
  it('seventy-ninth held-out part: no worse than measured (right ≥ 86.8 %, wrong ≤ 5.0 %)', () => holds('dialogue-holdout-79.jsonl', 300, 0.868, 0.05));
  it('eightieth held-out part: no worse than measured (right ≥ 91.4 %, wrong ≤ 2.0 %)', () => holds('dialogue-holdout-80.jsonl', 300, 0.914, 0.02));
  // Sets 117 (Ninh Thuận's Chăm and Raglai), 119 (factory workers of Bắc Ninh, Vĩnh Phúc and Thái Nguyên) and 121
  // (western Nghệ An), written at the twenty-third round's start and kept whole: measured at its first batch and at its
  // fourth ff154d9: 275/303, 11 wrong; 287/302, 5; 286/303, 3 (272/303, 11; 287/302, 5; 278/303, 3 at ba1b811). Never read.
  it('eighty-first held-out part: no worse than measured (right ≥ 90.7 %, wrong ≤ 3.7 %)', () => holds('dialogue-holdout-81.jsonl', 300, 0.907, 0.037));
  it('eighty-second held-out part: no worse than measured (right ≥ 95.0 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-82.jsonl', 300, 0.95, 0.017));
  it('eighty-third held-out part: no worse than measured (right ≥ 94.3 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-83.jsonl', 300, 0.943, 0.01));
  // Sets 122 (students), 123 (migrant workers home from Japan, Korea and Taiwan) and 124 (the Lâm Đồng highlands),
  // written after the round's second batch, kept whole and measured once at ff154d9: 277/301, 8 wrong; 276/301, 8;
  // 280/308, 16 (273/301, 8; 275/301, 8; 276/308, 15 at ba1b811). Never read.
  it('eighty-fourth held-out part: no worse than measured (right ≥ 92.0 %, wrong ≤ 2.7 %)', () => holds('dialogue-holdout-84.jsonl', 300, 0.92, 0.027));
  it('eighty-fifth held-out part: no worse than measured (right ≥ 91.6 %, wrong ≤ 2.7 %)', () => holds('dialogue-holdout-85.jsonl', 300, 0.916, 0.027));
  it('eighty-sixth held-out part: no worse than measured (right ≥ 90.9 %, wrong ≤ 5.2 %)', () => holds('dialogue-holdout-86.jsonl', 300, 0.909, 0.052));
  // Sets 125 (Hải Dương and Hưng Yên), 126 (Bến Tre and Trà Vinh after saltwater intrusion) and 127 (Phong Nha and the
  // Bru-Vân Kiều mountains), written after the round's docs commit, kept whole and measured once at its fifth batch
  // 91caa46: 275/303, 10 wrong; 282/311, 11; 285/302, 6 (275/303, 10; 280/311, 11; 283/302, 6 at ba1b811). Never read.
  it('eighty-seventh held-out part: no worse than measured (right ≥ 90.7 %, wrong ≤ 3.4 %)', () => holds('dialogue-holdout-87.jsonl', 300, 0.907, 0.034));
  it('eighty-eighth held-out part: no worse than measured (right ≥ 90.6 %, wrong ≤ 3.6 %)', () => holds('dialogue-holdout-88.jsonl', 300, 0.906, 0.036));
  it('eighty-ninth held-out part: no worse than measured (right ≥ 94.3 %, wrong ≤ 2.0 %)', () => holds('dialogue-holdout-89.jsonl', 300, 0.943, 0.02));
  // Sets 129 (people with disabilities and their carers), 131 (the fishing families of the central coast) and 133
  // (retired civil servants, teachers and veterans), written at the twenty-fourth round's start, kept whole and measured
  // at its start and end a0e5bc6: 270/303, 12 wrong; 290/308, 2; 291/310, 3 (268/303, 13; 289/308, 3; 291/310, 3 at
  // 02bf10d). Never read.
  it('ninetieth held-out part: no worse than measured (right ≥ 89.1 %, wrong ≤ 4.0 %)', () => holds('dialogue-holdout-90.jsonl', 300, 0.891, 0.04));
  it('ninety-first held-out part: no worse than measured (right ≥ 94.1 %, wrong ≤ 0.7 %)', () => holds('dialogue-holdout-91.jsonl', 300, 0.941, 0.007));
  it('ninety-second held-out part: no worse than measured (right ≥ 93.8 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-92.jsonl', 300, 0.938, 0.01));
  // Sets 134 (Gia Lai and Kon Tum's villages and coffee smallholders), 135 (single parents and grandparents raising
  // grandchildren) and 136 (small builders and families building houses), written after the round's second batch, kept
  // whole and measured once at a0e5bc6: 297/302, 1 wrong; 275/308, 3; 273/302, 7 (295/302, 3; 275/308, 3; 273/302, 8 at
  // 02bf10d). Never read.
  it('ninety-third held-out part: no worse than measured (right ≥ 98.3 %, wrong ≤ 0.4 %)', () => holds('dialogue-holdout-93.jsonl', 300, 0.983, 0.004));
  it('ninety-fourth held-out part: no worse than measured (right ≥ 89.2 %, wrong ≤ 1.0 %)', () => holds('dialogue-holdout-94.jsonl', 300, 0.892, 0.01));
  it('ninety-fifth held-out part: no worse than measured (right ≥ 90.3 %, wrong ≤ 2.4 %)', () => holds('dialogue-holdout-95.jsonl', 300, 0.903, 0.024));
  // Sets 138 (Ninh Bình and the former Hà Nam), 140 (delivery and ride-hailing drivers) and 142 (hospital workers and
  // patients' families in Huế), written at the twenty-fifth round's start, kept whole and measured at its start 0623b6a
  // and its last change 1010dd5: 278/301, 7 wrong; 274/298, 8 wrong; 253/303, 13 wrong (278/301, 7 wrong; 274/298, 8
  // wrong; 252/303, 13 wrong at the start).
  // Sets 143 (Cà Mau and the former Bạc Liêu), 144 (Điện Biên and Lai Châu) and 145 (Vietnamese back from abroad and
  // their families), written during the round's first batch, kept whole, measured once at 1010dd5: 280/302, 7 wrong;
  // 286/303, 5 wrong; 253/306, 15 wrong. Never read.
  it('ninety-sixth held-out part: no worse than measured (right ≥ 92.3 %, wrong ≤ 2.4 %)', () => holds('dialogue-holdout-96.jsonl', 290, 0.923, 0.024));
  it('ninety-seventh held-out part: no worse than measured (right ≥ 91.9 %, wrong ≤ 2.7 %)', () => holds('dialogue-holdout-97.jsonl', 290, 0.919, 0.027));
  it('ninety-eighth held-out part: no worse than measured (right ≥ 83.4 %, wrong ≤ 4.3 %)', () => holds('dialogue-holdout-98.jsonl', 290, 0.834, 0.043));
  it('ninety-ninth held-out part: no worse than measured (right ≥ 92.7 %, wrong ≤ 2.4 %)', () => holds('dialogue-holdout-99.jsonl', 290, 0.927, 0.024));
  it('hundredth held-out part: no worse than measured (right ≥ 94.3 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-100.jsonl', 290, 0.943, 0.017));
  it('hundred-and-first held-out part: no worse than measured (right ≥ 82.6 %, wrong ≤ 5.0 %)', () => holds('dialogue-holdout-101.jsonl', 290, 0.826, 0.05));
  // Sets 150, 152, 154 (written at the twenty-sixth round's start, measured at its start and end) and 155–157 (written
  // during its second batch, measured once at its end), kept whole, never read; floors at their figures at a8b1bb7.
  it('hundred-and-second held-out part: no worse than measured (right ≥ 88.4 %, wrong ≤ 3.9 %)', () => holds('dialogue-holdout-102.jsonl', 290, 0.884, 0.039));
  it('hundred-and-third held-out part: no worse than measured (right ≥ 85.4 %, wrong ≤ 4.9 %)', () => holds('dialogue-holdout-103.jsonl', 290, 0.854, 0.049));
  it('hundred-and-fourth held-out part: no worse than measured (right ≥ 89.4 %, wrong ≤ 2.4 %)', () => holds('dialogue-holdout-104.jsonl', 290, 0.894, 0.024));
  it('hundred-and-fifth held-out part: no worse than measured (right ≥ 88.1 %, wrong ≤ 4.0 %)', () => holds('dialogue-holdout-105.jsonl', 290, 0.881, 0.04));
  it('hundred-and-sixth held-out part: no worse than measured (right ≥ 91.4 %, wrong ≤ 3.4 %)', () => holds('dialogue-holdout-106.jsonl', 290, 0.914, 0.034));
  it('hundred-and-seventh held-out part: no worse than measured (right ≥ 89.6 %, wrong ≤ 3.9 %)', () => holds('dialogue-holdout-107.jsonl', 290, 0.896, 0.039));
  // Sets 162, 164, 166 (written at the twenty-seventh round's start, measured at its start and end) and 167–169 (written
  // during its first batch, measured once at its end), kept whole, never read; floors at their figures at 817e81f.
  it('hundred-and-eighth held-out part: no worse than measured (right ≥ 93.1 %, wrong ≤ 3.3 %)', () => holds('dialogue-holdout-108.jsonl', 290, 0.931, 0.033));
  it('hundred-and-ninth held-out part: no worse than measured (right ≥ 93.6 %, wrong ≤ 0.0 %)', () => holds('dialogue-holdout-109.jsonl', 290, 0.936, 0));
  it('hundred-and-tenth held-out part: no worse than measured (right ≥ 95.0 %, wrong ≤ 3.4 %)', () => holds('dialogue-holdout-110.jsonl', 290, 0.95, 0.034));
  it('hundred-and-eleventh held-out part: no worse than measured (right ≥ 87.5 %, wrong ≤ 3.1 %)', () => holds('dialogue-holdout-111.jsonl', 290, 0.875, 0.031));
  it('hundred-and-twelfth held-out part: no worse than measured (right ≥ 92.1 %, wrong ≤ 2.0 %)', () => holds('dialogue-holdout-112.jsonl', 290, 0.921, 0.02));
  it('hundred-and-thirteenth held-out part: no worse than measured (right ≥ 88.2 %, wrong ≤ 3.8 %)', () => holds('dialogue-holdout-113.jsonl', 290, 0.882, 0.038));
  // Sets 174, 176, 178 (written at the twenty-eighth round's start) and 179–181 (179 and 180 written at its start, 181
  // during its first batch), kept whole, never read, measured at its start and end; floors at their figures at 27d8b94.
  it('hundred-and-fourteenth held-out part: no worse than measured (right ≥ 94.7 %, wrong ≤ 1.7 %)', () => holds('dialogue-holdout-114.jsonl', 290, 0.947, 0.017));
  it('hundred-and-fifteenth held-out part: no worse than measured (right ≥ 91.0 %, wrong ≤ 0.7 %)', () => holds('dialogue-holdout-115.jsonl', 290, 0.91, 0.007));
  it('hundred-and-sixteenth held-out part: no worse than measured (right ≥ 86.1 %, wrong ≤ 4.0 %)', () => holds('dialogue-holdout-116.jsonl', 290, 0.861, 0.04));
  it('hundred-and-seventeenth held-out part: no worse than measured (right ≥ 95.9 %, wrong ≤ 1.1 %)', () => holds('dialogue-holdout-117.jsonl', 290, 0.959, 0.011));
  it('hundred-and-eighteenth held-out part: no worse than measured (right ≥ 90.2 %, wrong ≤ 3.1 %)', () => holds('dialogue-holdout-118.jsonl', 290, 0.902, 0.031));
  it('hundred-and-nineteenth held-out part: no worse than measured (right ≥ 94.2 %, wrong ≤ 3.1 %)', () => holds('dialogue-holdout-119.jsonl', 290, 0.942, 0.031));
});

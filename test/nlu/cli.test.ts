import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

const KEYS = ['text', 'decision', 'intent', 'procedureId', 'aspect', 'dossierCode', 'confidence', 'alternatives'];

function run(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/nlu.ts', ...args], { input, encoding: 'utf8', timeout: 80_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// Each test spawns the CLI, which loads the whole catalogue: seconds on a loaded machine.
describe('nlu CLI contract', { timeout: 90_000 }, () => {
  it('match: one JSON object per input line on stdout, nothing else', () => {
    const lines = ['dk ks can giay to gi', 'cho hỏi hồ sơ 000.00.53.h48–220921–0099 sao rồi', 'xin chào', 'asdkjh qwe'];
    const r = run(['match'], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const out = r.stdout.split('\n').filter((l) => l !== '');
    expect(out).toHaveLength(lines.length);
    const parsed = out.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const [i, o] of parsed.entries()) {
      expect(Object.keys(o).slice(0, KEYS.length)).toEqual(KEYS);
      expect(o.text).toBe(lines[i]);
      expect(['answer', 'clarify', 'fallback']).toContain(o.decision);
      expect(typeof o.confidence).toBe('number');
      expect(Array.isArray(o.alternatives)).toBe(true);
    }
    expect(parsed[0]).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'documents', nationalCode: '1.001193' });
    expect(parsed[1]).toMatchObject({ intent: 'dossier_status', dossierCode: '000.00.53.H48-220921-0099', procedureId: null, nationalCode: null });
    expect(parsed[2]).toMatchObject({ intent: 'greeting', nationalCode: null });
    expect(parsed[3]).toMatchObject({ decision: 'fallback', nationalCode: null });
  });

  it('match: loads the whole official catalogue; every procedure and alternative carries its national code', () => {
    const lines = ['thủ tục 1.000969 lệ phí bao nhiêu', 'mã 3.000333', 'cấp lại giấy chứng nhận đăng ký phương tiện thủy nội địa', 'kết hôn'];
    const r = run(['match'], lines.join('\n') + '\n');
    expect(r.status).toBe(0);
    const [byCode, covered, byName, clarify] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown> & { alternatives: Record<string, unknown>[] });
    expect(byCode).toMatchObject({ decision: 'answer', procedureId: 'tthc-1-000969', nationalCode: '1.000969', aspect: 'fee' });
    // 3.000333 is the record of the curated page ly-lich-tu-phap.
    expect(covered).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap', nationalCode: '3.000333' });
    const named = byName!.decision === 'answer' ? [byName!.procedureId] : byName!.alternatives.map((a) => a.procedureId);
    expect(named).toContain('tthc-1-003930');
    // A clarification: the offered candidates in button order, the chosen one first, each with its code.
    expect(clarify).toMatchObject({ decision: 'clarify' });
    expect(clarify!.alternatives[0]).toMatchObject({ procedureId: clarify!.procedureId, nationalCode: clarify!.nationalCode });
    for (const a of [...byCode!.alternatives, ...clarify!.alternatives]) expect(Object.keys(a)).toEqual(['procedureId', 'nationalCode', 'confidence']);
  });

  it('eval: prints the accuracy, the wrong-answer rate, aspect accuracy and confusions', () => {
    const r = run(['eval', 'test/fixtures/nlu-eval/tune.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/answered right: \d+ \(\d+\.\d %\)/);
    expect(r.stdout).toMatch(/wrong answers: +\d+ \(\d+\.\d %\)/);
    expect(r.stdout).toMatch(/aspect right: +\d+\/\d+/);
    expect(r.stdout).toMatch(/per intent/);
    expect(r.stdout).toMatch(/confusion/i);
  });

  it('eval: a catalogue part (labelled with national codes) prints found and confidently wrong', () => {
    const r = run(['eval', 'test/fixtures/nlu-eval/catalogue-tune.jsonl']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/catalogue items \(labelled with national codes\): 187/);
    expect(r.stdout).toMatch(/found: +\d+ \(\d+\.\d %\): answered with an acceptable code \d+, clarified with one among the buttons \d+/);
    expect(r.stdout).toMatch(/confidently wrong: \d+ \(\d+\.\d %\)/);
  });
});

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';

const KEYS = ['text', 'decision', 'intent', 'procedureId', 'aspect', 'dossierCode', 'confidence', 'alternatives'];

function run(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/nlu.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('nlu CLI contract', () => {
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
    expect(parsed[0]).toMatchObject({ decision: 'answer', intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'documents' });
    expect(parsed[1]).toMatchObject({ intent: 'dossier_status', dossierCode: '000.00.53.H48-220921-0099', procedureId: null });
    expect(parsed[2]).toMatchObject({ intent: 'greeting' });
    expect(parsed[3]).toMatchObject({ decision: 'fallback' });
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
});

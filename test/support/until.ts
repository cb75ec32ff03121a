/** Resolves once `cond` holds (it may be async), asking every `everyMs`; rejects after `timeoutMs`, naming `label`. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, label = 'condition', everyMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

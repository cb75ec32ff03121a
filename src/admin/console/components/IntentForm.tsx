import { OPTION_WORDS } from '../../content-words.js';
import { BLines, BSelect, BText, type FormModel } from './bound-fields.js';
import { optionsOf } from './inputs.js';

/** A system intent: its kind, its sample sentences, its reply. */
export function IntentForm({ form, isNew }: { form: FormModel; isNew: boolean }) {
  return (
    <fieldset class="card">
      <legend>Ý định hệ thống</legend>
      <div class="grid">
        {isNew ? <BText form={form} path="id" /> : null}
        <BSelect form={form} path="kind" options={optionsOf(OPTION_WORDS.intentKind)} />
        <BText form={form} path="replyKey" optional />
        <BSelect form={form} path="language" options={optionsOf(OPTION_WORDS.language)} placeholder="Không đổi" optional />
      </div>
      <BLines form={form} path="phrasings" label="Câu mẫu (ít nhất 3)" rows={8} />
    </fieldset>
  );
}

export const intentTemplate = (): Record<string, unknown> => ({ id: '', kind: 'out_of_scope', phrasings: [] });

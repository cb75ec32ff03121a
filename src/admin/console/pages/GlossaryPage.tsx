import { CONTACT_GLOSSARY } from '../../contact-words.js';
import { INTENT_GLOSSARY, PROCEDURE_GLOSSARY, type GlossaryEntry } from '../../content-words.js';
import { Page } from '../components/Page.js';

function Terms({ entries }: { entries: readonly GlossaryEntry[] }) {
  return (
    <dl class="glossary">
      {entries.map((g) => (
        <div key={g.path}>
          <dt>{g.label}</dt>
          <dd>{g.help}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What each content field means, in the same words as the forms' labels and the validation messages. */
export function GlossaryPage() {
  return (
    <Page title="Giải thích các trường nội dung">
      <section class="card">
        <h3>Thủ tục</h3>
        <Terms entries={PROCEDURE_GLOSSARY} />
      </section>
      <section class="card">
        <h3>Ý định hệ thống</h3>
        <Terms entries={INTENT_GLOSSARY} />
      </section>
      <section class="card">
        <h3>Điểm liên hệ</h3>
        <Terms entries={CONTACT_GLOSSARY} />
      </section>
    </Page>
  );
}

import { loadContentFromDir } from './src/knowledge/loader.js';
import { buildMatcher } from './src/nlu/matcher.js';
const res = await loadContentFromDir('intents');
if ('errors' in res) throw new Error('x');
const m = buildMatcher(res.kb);
for (const t of process.argv.slice(2)) { const u = m.understand(t); console.log(JSON.stringify(t).slice(0,90), '→', u.decision, u.intent, u.intentId, u.procedureId, u.aspect, u.confidence, u.narrow ?? ''); }

import type { Logger } from 'pino';
import { finishReply, helpMenuButtons } from '../dialogue/index.js';
import type { Language, Reply, Translate } from '../dialogue/types.js';
import { maskId } from '../observability/logger.js';
import { ZaloApiError } from '../zalo/errors.js';

/**
 * When staff hand a conversation back to the bot, the citizen is told, in their language, with the menu.
 * A citizen Zalo no longer lets the OA reach (out of the 7-day window) is simply not told: the hand-back
 * itself never fails because of it.
 */
export function createHandBackNotice(deps: {
  languageOf: (userId: string) => Promise<Language>;
  sender: { sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }> };
  tFor: (lng: Language) => Translate;
  logger: Logger;
}): (userId: string) => Promise<boolean> {
  return async (userId) => {
    const lang = await deps.languageOf(userId);
    const t = deps.tFor(lang);
    try {
      await deps.sender.sendReply(userId, finishReply(t('handback.notice'), helpMenuButtons(lang, t)));
      return true;
    } catch (err) {
      if (!(err instanceof ZaloApiError)) throw err;
      deps.logger.warn({ user: maskId(userId), code: err.code, kind: err.kind }, 'hand-back notice not delivered');
      return false;
    }
  };
}

// How old what the tool knows is: the bundled data's month, and when the wheel index was last read
// (hovers, the status bar tooltip and the report say both).
import { msg } from '../l10n';
import { catalogueStatus } from './catalogue/overlay';
import { KNOWLEDGE_AS_OF } from './recommend';

export function knowledgeDates(): { message: string; l10n: import('../l10n').Localizable } {
  const c = catalogueStatus();
  return c
    ? msg('Knowledge as of {0}; wheel index checked {1}', KNOWLEDGE_AS_OF, `${c.fetchedAt.replace('T', ' ').slice(0, 16)} UTC`)
    : msg('Knowledge as of {0}; wheel index not checked', KNOWLEDGE_AS_OF);
}

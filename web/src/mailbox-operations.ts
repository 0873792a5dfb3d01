// Each agency's mailbox is written through its own mutation (its subgraph owns it), so each
// is a persisted operation of its own: operations/web/*.graphql.
import writeCaf from '../../operations/web/ecrire-caf.graphql?raw';
import writeCpf from '../../operations/web/ecrire-cpf.graphql?raw';
import writeFranceTravail from '../../operations/web/ecrire-france-travail.graphql?raw';
import writeRgcu from '../../operations/web/ecrire-rgcu.graphql?raw';
import readCaf from '../../operations/web/message-lu-caf.graphql?raw';
import readCpf from '../../operations/web/message-lu-cpf.graphql?raw';
import readFranceTravail from '../../operations/web/message-lu-france-travail.graphql?raw';
import readRgcu from '../../operations/web/message-lu-rgcu.graphql?raw';

/** By `Agency`: `mark…MessageRead(messageId: $id)`. */
export const MARK_READ: Record<string, string> = { CPF: readCpf, RGCU: readRgcu, CAF: readCaf, FRANCE_TRAVAIL: readFranceTravail };

/** By `Agency`: `sendMessageTo…(input: $input)`. */
export const SEND_MESSAGE: Record<string, string> = { CPF: writeCpf, RGCU: writeRgcu, CAF: writeCaf, FRANCE_TRAVAIL: writeFranceTravail };

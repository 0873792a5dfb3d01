// Each agency's mailbox is written through its own mutation (its subgraph owns it), so each
// is a persisted operation of its own: operations/web/*.graphql.
import { AppEcrireCafDocument as writeCaf, AppEcrireCpfDocument as writeCpf, AppEcrireFranceTravailDocument as writeFranceTravail, AppEcrireRgcuDocument as writeRgcu, AppMessageLuCafDocument as readCaf, AppMessageLuCpfDocument as readCpf, AppMessageLuFranceTravailDocument as readFranceTravail, AppMessageLuRgcuDocument as readRgcu } from './operations.generated.ts';

/** By `Agency`: `mark…MessageRead(messageId: $id)`. */
export const MARK_READ: Record<string, string> = { CPF: readCpf, RGCU: readRgcu, CAF: readCaf, FRANCE_TRAVAIL: readFranceTravail };

/** By `Agency`: `sendMessageTo…(input: $input)`. */
export const SEND_MESSAGE: Record<string, string> = { CPF: writeCpf, RGCU: writeRgcu, CAF: writeCaf, FRANCE_TRAVAIL: writeFranceTravail };

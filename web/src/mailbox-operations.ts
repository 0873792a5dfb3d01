// Each agency's mailbox is written through its own mutation (its subgraph owns it), so each
// is a persisted operation of its own: operations/web/*.graphql.
import type { Operation } from './graphql.ts';
import {
  AppEcrireCafDocument as writeCaf,
  AppEcrireCpfDocument as writeCpf,
  AppEcrireFranceTravailDocument as writeFranceTravail,
  AppEcrireRgcuDocument as writeRgcu,
  AppMessageLuCafDocument as readCaf,
  AppMessageLuCpfDocument as readCpf,
  AppMessageLuFranceTravailDocument as readFranceTravail,
  AppMessageLuRgcuDocument as readRgcu,
  type AppEcrireCafMutationVariables,
  type AppMessageLuCafMutationVariables,
} from './operations.generated.ts';

/** By `Agency`: `mark…MessageRead(messageId: $id)`; the four take the same variables (the result is not read). */
export const MARK_READ: Record<string, Operation<unknown, AppMessageLuCafMutationVariables>> = { CPF: readCpf, RGCU: readRgcu, CAF: readCaf, FRANCE_TRAVAIL: readFranceTravail };

/** By `Agency`: `sendMessageTo…(input: $input)`; the four take the same variables (the result is not read). */
export const SEND_MESSAGE: Record<string, Operation<unknown, AppEcrireCafMutationVariables>> = { CPF: writeCpf, RGCU: writeRgcu, CAF: writeCaf, FRANCE_TRAVAIL: writeFranceTravail };

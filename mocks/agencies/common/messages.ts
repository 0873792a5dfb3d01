import type { FastifyInstance } from 'fastify';
import { compareIso } from '../../population/dates.ts';
import type { AgencyRecord, Message } from '../../population/types.ts';
import { fail, received } from './errors.ts';

const MAX_OBJET = 200;
const MAX_CORPS = 5000;

/**
 * Each dossier's mailbox, newest first. Boxes start from the population and are copied on the
 * first change, so every server instance has its own.
 */
export class MessageBoxes<D> {
  readonly #initial = new Map<string, readonly Message[]>();
  readonly #changed = new Map<string, Message[]>();

  constructor(records: readonly AgencyRecord<D>[], idOf: (dossier: D) => string) {
    for (const record of records) this.#initial.set(idOf(record.dossier), record.messages);
  }

  list(dossierId: string): readonly Message[] | undefined {
    return this.#changed.get(dossierId) ?? this.#initial.get(dossierId);
  }

  post(dossierId: string, content: { objet: string; corps: string }, now: Date): Message {
    const box = this.#editable(dossierId);
    const message: Message = {
      // Ids never repeat within a box: messages are never deleted.
      id: `${dossierId}-MSG-${box.length + 1}`,
      date_envoi: now.toISOString(),
      expediteur: 'USAGER',
      objet: content.objet,
      corps: content.corps,
      // The citizen's own message is read by them.
      lu: true,
    };
    box.push(message);
    box.sort((a, b) => compareIso(b.date_envoi, a.date_envoi));
    return message;
  }

  markRead(dossierId: string, messageId: string): Message | undefined {
    const box = this.#editable(dossierId);
    const index = box.findIndex((message) => message.id === messageId);
    if (index === -1) return undefined;
    const read = { ...(box[index] as Message), lu: true };
    box[index] = read;
    return read;
  }

  #editable(dossierId: string): Message[] {
    let box = this.#changed.get(dossierId);
    if (box === undefined) {
      box = [...(this.#initial.get(dossierId) ?? [])];
      this.#changed.set(dossierId, box);
    }
    return box;
  }
}

/** The secure mailbox routes, by dossier id. */
export function registerMessageRoutes<D>(app: FastifyInstance, boxes: MessageBoxes<D>, clock: () => Date): void {
  app.get<{ Params: { id: string } }>('/v1/dossiers/:id/messages', async (request) => ({
    data: existingBox(boxes, request.params.id),
  }));

  app.post<{ Params: { id: string } }>('/v1/dossiers/:id/messages', async (request, reply) => {
    existingBox(boxes, request.params.id);
    const message = boxes.post(request.params.id, messageContent(request.body), clock());
    return reply.code(201).send({ data: message });
  });

  app.post<{ Params: { id: string; messageId: string } }>('/v1/dossiers/:id/messages/:messageId/lu', async (request) => {
    existingBox(boxes, request.params.id);
    const message = boxes.markRead(request.params.id, request.params.messageId);
    if (message === undefined) {
      throw fail('NOT_FOUND', `Le dossier ${request.params.id} n'a pas de message ${request.params.messageId}.`);
    }
    return { data: message };
  });
}

function existingBox<D>(boxes: MessageBoxes<D>, dossierId: string): readonly Message[] {
  const box = boxes.list(dossierId);
  if (box === undefined) throw fail('NOT_FOUND', `Aucun dossier ${dossierId}.`);
  return box;
}

function messageContent(body: unknown): { objet: string; corps: string } {
  const fields = body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const objet = fields['objet'];
  const corps = fields['corps'];
  if (typeof objet !== 'string' || objet.trim() === '' || objet.length > MAX_OBJET) {
    throw fail('INVALID_MESSAGE', `objet doit être un texte non vide de ${MAX_OBJET} caractères au plus (reçu : ${received(objet)}).`, 'objet');
  }
  if (typeof corps !== 'string' || corps.trim() === '' || corps.length > MAX_CORPS) {
    throw fail('INVALID_MESSAGE', `corps doit être un texte non vide de ${MAX_CORPS} caractères au plus (reçu : ${received(corps)}).`, 'corps');
  }
  return { objet, corps };
}

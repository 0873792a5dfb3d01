import { euros, plural } from '../../../contract/french.ts';
import { parameters, valueOn } from '../../../rules/parameters.ts';
import type { Section } from '../sections.ts';
import type { Alert } from './alert.ts';

/** C2P points earned and never used: many holders do not know what they give. */
export function c2pUnusedAlert(training: Section<'cpf'>, today: string): Alert | null {
  const c2p = training.data?.c2p;
  if (!c2p || c2p.usedPoints > 0 || c2p.availablePoints === 0) return null;
  const rule = valueOn(parameters.c2p.conversion, today);
  return {
    id: 'C2P_POINTS_UNUSED',
    kind: 'C2P_POINTS_UNUSED',
    severity: 'INFO',
    agency: 'CPF',
    title: `Vos ${plural(c2p.availablePoints, 'point')} de prévention n’ont jamais servi`,
    explanation:
      `Votre compte professionnel de prévention (C2P) compte ${plural(c2p.availablePoints, 'point')}, jamais utilisés. ` +
      `Un point finance ${euros(rule.trainingCentsPerPoint)} de formation ; ${rule.pointsPerPartTimeBlock} points donnent ` +
      `${rule.partTimeMonthsPerBlock} mois de mi-temps sans perte de salaire, ou un trimestre de retraite. ` +
      'Simulez ce que vos points vous donneraient avant de choisir.',
    action: { label: 'Simuler l’usage de vos points', url: 'https://www.compteprofessionnelprevention.fr/', mutation: null },
  };
}

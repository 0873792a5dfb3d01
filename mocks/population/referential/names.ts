import type { NameGroup } from './places.ts';

/** Birth names and first names by origin, so a person's name fits where they were born. */
export interface NamePool {
  family: readonly string[];
  male: readonly string[];
  female: readonly string[];
}

const FRANCE: NamePool = {
  family: [
    'MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT',
    'SIMON', 'MICHEL', 'LEFEBVRE', 'LEROY', 'ROUX', 'DAVID', 'BERTRAND', 'MOREL', 'FOURNIER', 'GIRARD',
    'BONNET', 'DUPONT', 'LAMBERT', 'FONTAINE', 'ROUSSEAU', 'VINCENT', 'MULLER', 'LEFÈVRE', 'FAURE', 'ANDRÉ',
    'MERCIER', 'BLANC', 'GUÉRIN', 'BOYER', 'GARNIER', 'CHEVALIER', 'FRANÇOIS', 'LEGRAND', 'GAUTHIER', 'GARCIA',
    'PERRIN', 'ROBIN', 'CLÉMENT', 'MORIN', 'NICOLAS', 'HENRY', 'ROUSSEL', 'MATHIEU', 'GAUTIER', 'MASSON',
    'MARCHAND', 'DUVAL', 'DENIS', 'DUMONT', 'MARIE', 'LEMAIRE', 'NOËL', 'MEYER', 'DUFOUR', 'MEUNIER',
    'BRUN', 'BLANCHARD', 'GIRAUD', 'JOLY', 'RIVIÈRE', 'LUCAS', 'BRUNET', 'GAILLARD', 'BARBIER', 'ARNAUD',
    'MARTINEZ', 'GÉRARD', 'ROCHE', 'RENARD', 'SCHMITT', 'ROY', 'LEROUX', 'COLIN', 'VIDAL', 'CARON',
    'PICARD', 'ROGER', 'FABRE', 'AUBERT', 'LEMOINE', 'RENAUD', 'DUMAS', 'LACROIX', 'OLIVIER', 'PHILIPPE',
    'BOURGEOIS', 'PIERRE', 'BENOÎT', 'REY', 'LECLERC', 'PAYET', 'ROLLAND', 'LECLERCQ', 'GUILLAUME', 'LECOMTE',
    'LOPEZ', 'JEAN', 'DUPUY', 'GUILLOT', 'HUBERT', 'BERGER', 'CARPENTIER', 'SANCHEZ', 'DUPUIS', 'MOULIN',
    'LOUIS', 'DESCHAMPS', 'HUET', 'VASSEUR', 'PEREZ', 'BOUCHER', 'FLEURY', 'ROYER', 'KLEIN', 'JACQUET',
    'ADAM', 'PARIS', 'POIRIER', 'MARTY', 'AUBRY', 'GUYOT', 'CARRÉ', 'CHARLES', 'RENAULT', 'CHARPENTIER',
    'MÉNARD', 'MAILLARD', 'BARON', 'BERTIN', 'BAILLY', 'HERVÉ', 'SCHNEIDER', 'FERNANDEZ', 'LE GALL', 'COLLET',
    'LÉGER', 'BOUVIER', 'JULIEN', 'PRÉVOST', 'MILLET', 'PERROT', 'DANIEL', 'LE ROUX', 'COUSIN', 'GERMAIN',
    'BRETON', 'BESSON', 'LANGLOIS', 'RÉMY', 'LE GOFF', 'PELLETIER', 'LÉVÊQUE', 'PERRIER', 'LEBLANC', 'BARRÉ',
    'LEBRUN', 'MARCHAL', 'WEBER', 'MALLET', 'HAMON', 'BOULANGER', 'JACOB', 'MONNIER', 'MICHAUD', 'RODRIGUEZ',
    'GUICHARD', 'GILLET', 'ÉTIENNE', 'GRONDIN', 'POULAIN', 'TESSIER', 'CHEVALLIER', 'COLLIN', 'CHAUVIN', 'HOARAU',
  ],
  male: [
    'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Nicolas', 'Christophe', 'Patrick', 'Daniel', 'Laurent',
    'Thomas', 'Julien', 'Sébastien', 'Stéphane', 'David', 'Frédéric', 'Éric', 'Olivier', 'Pascal', 'Antoine',
    'Maxime', 'Alexandre', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Léo', 'Jules', 'Raphaël',
    'Nathan', 'Théo', 'Paul', 'Mathis', 'Enzo', 'Tom', 'Romain', 'Kévin', 'Guillaume', 'Benoît',
    'Vincent', 'François', 'Bernard', 'Jacques', 'Gérard', 'André', 'René', 'Claude', 'Yves', 'Marc',
    'Bruno', 'Thierry', 'Jérôme', 'Cédric', 'Damien', 'Florian', 'Quentin', 'Baptiste', 'Valentin', 'Clément',
    'Mathieu', 'Aurélien', 'Anthony', 'Jean-Pierre', 'Jean-Marc', 'Jean-Claude', 'Jean-François', 'Joseph', 'Henri', 'Émile',
  ],
  female: [
    'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Françoise', 'Martine', 'Christine', 'Monique', 'Valérie',
    'Sandrine', 'Stéphanie', 'Céline', 'Julie', 'Aurélie', 'Émilie', 'Camille', 'Léa', 'Manon', 'Chloé',
    'Emma', 'Jade', 'Louise', 'Alice', 'Lina', 'Rose', 'Anna', 'Inès', 'Sarah', 'Laura',
    'Pauline', 'Mathilde', 'Marine', 'Anaïs', 'Élodie', 'Caroline', 'Virginie', 'Sophie', 'Hélène', 'Anne',
    'Claire', 'Nicole', 'Jacqueline', 'Brigitte', 'Chantal', 'Danielle', 'Véronique', 'Laurence', 'Florence', 'Agnès',
    'Audrey', 'Mélanie', 'Charlotte', 'Clara', 'Zoé', 'Juliette', 'Margaux', 'Océane', 'Lucie', 'Marie-Christine',
    'Anne-Marie', 'Marie-Claude', 'Thérèse', 'Geneviève', 'Odile', 'Josiane', 'Colette', 'Éléonore', 'Adèle', 'Jeanne',
  ],
};

const MAGHREB: NamePool = {
  family: [
    'BENALI', 'HADDAD', 'BOUZID', 'MANSOURI', 'CHERIF', 'BELKACEM', 'AMRANI', 'EL IDRISSI', 'TAHIRI', 'BOUAZIZ',
    'BEN SALAH', 'TRABELSI', 'MEZIANE', 'SAIDI', 'BRAHIMI', 'HAMIDI', 'BOUCHAREB', 'ZERROUKI', 'OUALI', 'KACI',
  ],
  male: ['Mohamed', 'Ahmed', 'Karim', 'Mehdi', 'Rachid', 'Youssef', 'Samir', 'Nabil', 'Bilal', 'Sofiane', 'Hamza', 'Yanis', 'Rayan', 'Omar', 'Farid'],
  female: ['Fatima', 'Aïcha', 'Nadia', 'Samira', 'Leïla', 'Yasmine', 'Myriam', 'Sonia', 'Inès', 'Amel', 'Salima', 'Khadija', 'Nora', 'Sabrina', 'Lina'],
};

const AFRIQUE_OUEST: NamePool = {
  family: ['DIALLO', 'TRAORÉ', 'COULIBALY', 'KONÉ', 'DIOP', 'NDIAYE', 'SOW', 'CISSÉ', 'KEITA', 'BAMBA', 'FOFANA', 'CAMARA', 'SYLLA', 'TOURÉ', 'MBAPPÉ'],
  male: ['Mamadou', 'Moussa', 'Ibrahima', 'Abdoulaye', 'Ousmane', 'Souleymane', 'Amadou', 'Cheikh', 'Seydou', 'Boubacar'],
  female: ['Fatoumata', 'Aminata', 'Mariama', 'Awa', 'Kadiatou', 'Aïssatou', 'Binta', 'Ramatoulaye', 'Coumba', 'Mariam'],
};

const LUSOPHONE: NamePool = {
  family: ['DA SILVA', 'FERREIRA', 'RODRIGUES', 'DOS SANTOS', 'PEREIRA', 'OLIVEIRA', 'COSTA', 'MARTINS', 'GONÇALVES', 'LOPES'],
  male: ['João', 'José', 'Manuel', 'António', 'Paulo', 'Carlos', 'Rui', 'Fernando'],
  female: ['Maria', 'Ana', 'Sónia', 'Isabel', 'Cristina', 'Teresa', 'Fátima', 'Rosa'],
};

const TURQUIE: NamePool = {
  family: ['YILMAZ', 'KAYA', 'DEMIR', 'ÇELIK', 'ŞAHIN', 'YILDIZ', 'AYDIN', 'ÖZTÜRK', 'ARSLAN', 'DOĞAN'],
  male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Emre', 'Hüseyin', 'Murat'],
  female: ['Ayşe', 'Fatma', 'Elif', 'Zeynep', 'Emine', 'Hatice', 'Merve'],
};

const EUROPE_EST: NamePool = {
  family: ['POPESCU', 'IONESCU', 'POPA', 'NOWAK', 'KOWALSKI', 'WIŚNIEWSKI', 'SHEVCHENKO', 'KOVALENKO', 'BONDARENKO'],
  male: ['Andrei', 'Ion', 'Piotr', 'Tomasz', 'Oleksandr', 'Dmytro', 'Mihai'],
  female: ['Elena', 'Ioana', 'Anna', 'Katarzyna', 'Olena', 'Iryna', 'Maria'],
};

const ASIE: NamePool = {
  family: ['NGUYEN', 'TRAN', 'LE', 'PHAM', 'WANG', 'LI', 'ZHANG', 'CHEN', 'LIU'],
  male: ['Minh', 'Anh', 'Duc', 'Wei', 'Jun', 'Hao'],
  female: ['Lan', 'Mai', 'Linh', 'Xiu', 'Mei', 'Yan'],
};

export const NAME_POOLS: Readonly<Record<NameGroup, NamePool>> = {
  france: FRANCE,
  maghreb: MAGHREB,
  'afrique-ouest': AFRIQUE_OUEST,
  lusophone: LUSOPHONE,
  turquie: TURQUIE,
  'europe-est': EUROPE_EST,
  asie: ASIE,
};

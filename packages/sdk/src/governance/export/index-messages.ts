import type { ArtifactKind } from '../../storage/types.js';
import type { TemplateLocale } from '../../templates/catalogues.js';

/** The wording of an export's index.html, in the data subject's language. */
export interface ExportIndexMessages {
  title: string;
  intro: (organisation: string, reference: string, date: string) => string;
  contents: (calls: number, files: number) => string;
  filesHeading: string;
  what: string;
  when: string;
  why: string;
  consent: string;
  kind: Record<ArtifactKind, string>;
  noPurpose: string;
  consentGiven: string;
  consentNone: string;
  alsoShowsAgent: string;
  incomplete: string;
  erasedContent: string;
  retained: string;
  consentHeading: string;
  consentText: string;
  consentNoRecords: string;
  logHeading: string;
  logText: (entries: number) => string;
  machineReadable: string;
}

const en: ExportIndexMessages = {
  title: 'Your personal data',
  intro: (org, ref, date) => `This archive holds the personal data ${org} keeps about you in its video calls (your reference: ${ref}), as of ${date}.`,
  contents: (calls, files) => `${calls} ${calls === 1 ? 'call' : 'calls'}, ${files} ${files === 1 ? 'file' : 'files'}.`,
  filesHeading: 'Pictures, recordings and documents',
  what: 'What',
  when: 'When',
  why: 'Why',
  consent: 'Consent',
  kind: { picture: 'Picture', recording: 'Recording', document: 'Document', location: 'Location', transcript: 'Chat transcript', consent: 'Consent record' },
  noPurpose: 'not stated',
  consentGiven: 'You agreed to it (see your consent records below).',
  consentNone: 'No consent was needed.',
  alsoShowsAgent: 'It also shows the employee who took part in the call.',
  incomplete: 'The recording was cut off before it ended.',
  erasedContent: 'Its content no longer exists and is not included.',
  retained: 'Kept on a legal basis after an erasure request.',
  consentHeading: 'Your consent records',
  consentText: 'Every consent you gave or withdrew, with the text you were shown, is in consent-receipt.json. It explains how to check that it was not altered.',
  consentNoRecords: 'This archive holds no consent records.',
  logHeading: 'What was done with your data',
  logText: (n) => `audit-log.ndjson lists ${n} logged ${n === 1 ? 'event' : 'events'} about your data: when it was stored, viewed, exported or deleted, and by whom.`,
  machineReadable: 'manifest.json describes every file in a machine-readable form.',
};

const nl: ExportIndexMessages = {
  title: 'Uw persoonsgegevens',
  intro: (org, ref, date) => `Dit archief bevat de persoonsgegevens die ${org} in zijn videogesprekken over u bewaart (uw referentie: ${ref}), per ${date}.`,
  contents: (calls, files) => `${calls} ${calls === 1 ? 'gesprek' : 'gesprekken'}, ${files} ${files === 1 ? 'bestand' : 'bestanden'}.`,
  filesHeading: "Foto's, opnamen en documenten",
  what: 'Wat',
  when: 'Wanneer',
  why: 'Waarom',
  consent: 'Toestemming',
  kind: { picture: 'Foto', recording: 'Opname', document: 'Document', location: 'Locatie', transcript: 'Chatverslag', consent: 'Toestemmingsverklaring' },
  noPurpose: 'niet vermeld',
  consentGiven: 'U hebt ermee ingestemd (zie uw toestemmingen hieronder).',
  consentNone: 'Er was geen toestemming nodig.',
  alsoShowsAgent: 'Ook de medewerker die aan het gesprek deelnam, is te zien.',
  incomplete: 'De opname is afgebroken voordat ze eindigde.',
  erasedContent: 'De inhoud bestaat niet meer en is niet bijgevoegd.',
  retained: 'Na een verzoek tot wissing bewaard op een wettelijke grondslag.',
  consentHeading: 'Uw toestemmingen',
  consentText: 'Elke toestemming die u gaf of introk, met de tekst die u te zien kreeg, staat in consent-receipt.json. Daarin staat ook hoe u kunt controleren dat er niets aan veranderd is.',
  consentNoRecords: 'Dit archief bevat geen toestemmingen.',
  logHeading: 'Wat er met uw gegevens is gedaan',
  logText: (n) => `audit-log.ndjson bevat ${n} ${n === 1 ? 'gelogde gebeurtenis' : 'gelogde gebeurtenissen'} over uw gegevens: wanneer ze zijn opgeslagen, bekeken, geëxporteerd of verwijderd, en door wie.`,
  machineReadable: 'manifest.json beschrijft elk bestand in machineleesbare vorm.',
};

const de: ExportIndexMessages = {
  title: 'Ihre personenbezogenen Daten',
  intro: (org, ref, date) => `Dieses Archiv enthält die personenbezogenen Daten, die ${org} in seinen Videogesprächen über Sie speichert (Ihre Referenz: ${ref}), Stand ${date}.`,
  contents: (calls, files) => `${calls} ${calls === 1 ? 'Gespräch' : 'Gespräche'}, ${files} ${files === 1 ? 'Datei' : 'Dateien'}.`,
  filesHeading: 'Fotos, Aufzeichnungen und Dokumente',
  what: 'Was',
  when: 'Wann',
  why: 'Warum',
  consent: 'Einwilligung',
  kind: { picture: 'Foto', recording: 'Aufzeichnung', document: 'Dokument', location: 'Standort', transcript: 'Chatverlauf', consent: 'Einwilligungsnachweis' },
  noPurpose: 'nicht angegeben',
  consentGiven: 'Sie haben eingewilligt (siehe Ihre Einwilligungen unten).',
  consentNone: 'Es war keine Einwilligung nötig.',
  alsoShowsAgent: 'Sie zeigt auch die Mitarbeiterin oder den Mitarbeiter, die oder der am Gespräch teilnahm.',
  incomplete: 'Die Aufzeichnung brach vor ihrem Ende ab.',
  erasedContent: 'Ihr Inhalt existiert nicht mehr und ist nicht enthalten.',
  retained: 'Nach einem Löschantrag auf gesetzlicher Grundlage aufbewahrt.',
  consentHeading: 'Ihre Einwilligungen',
  consentText: 'Jede Einwilligung, die Sie gegeben oder widerrufen haben, mit dem Text, der Ihnen gezeigt wurde, steht in consent-receipt.json. Dort steht auch, wie Sie prüfen können, dass nichts verändert wurde.',
  consentNoRecords: 'Dieses Archiv enthält keine Einwilligungen.',
  logHeading: 'Was mit Ihren Daten geschah',
  logText: (n) => `audit-log.ndjson listet ${n} ${n === 1 ? 'protokolliertes Ereignis' : 'protokollierte Ereignisse'} zu Ihren Daten: wann sie gespeichert, angesehen, exportiert oder gelöscht wurden, und von wem.`,
  machineReadable: 'manifest.json beschreibt jede Datei in maschinenlesbarer Form.',
};

const fr: ExportIndexMessages = {
  title: 'Vos données personnelles',
  intro: (org, ref, date) => `Cette archive contient les données personnelles que ${org} conserve sur vous dans ses appels vidéo (votre référence : ${ref}), au ${date}.`,
  contents: (calls, files) => `${calls} ${calls === 1 ? 'appel' : 'appels'}, ${files} ${files === 1 ? 'fichier' : 'fichiers'}.`,
  filesHeading: 'Photos, enregistrements et documents',
  what: 'Quoi',
  when: 'Quand',
  why: 'Pourquoi',
  consent: 'Consentement',
  kind: { picture: 'Photo', recording: 'Enregistrement', document: 'Document', location: 'Position', transcript: 'Transcription des messages', consent: 'Preuve de consentement' },
  noPurpose: 'non précisé',
  consentGiven: 'Vous y avez consenti (voir vos consentements ci-dessous).',
  consentNone: 'Aucun consentement n’était requis.',
  alsoShowsAgent: 'On y voit aussi le collaborateur qui a participé à l’appel.',
  incomplete: 'L’enregistrement a été interrompu avant sa fin.',
  erasedContent: 'Son contenu n’existe plus et n’est pas inclus.',
  retained: 'Conservé sur une base légale après une demande d’effacement.',
  consentHeading: 'Vos consentements',
  consentText: 'Chaque consentement que vous avez donné ou retiré, avec le texte qui vous a été présenté, figure dans consent-receipt.json, qui explique aussi comment vérifier qu’il n’a pas été modifié.',
  consentNoRecords: 'Cette archive ne contient aucun consentement.',
  logHeading: 'Ce qui a été fait de vos données',
  logText: (n) => `audit-log.ndjson liste ${n} ${n === 1 ? 'événement journalisé' : 'événements journalisés'} concernant vos données : quand elles ont été conservées, consultées, exportées ou supprimées, et par qui.`,
  machineReadable: 'manifest.json décrit chaque fichier sous une forme lisible par machine.',
};

const pl: ExportIndexMessages = {
  title: 'Twoje dane osobowe',
  intro: (org, ref, date) => `To archiwum zawiera dane osobowe, które ${org} przechowuje o Tobie w związku z rozmowami wideo (Twój numer: ${ref}), według stanu na ${date}.`,
  contents: (calls, files) => `Rozmowy: ${calls}, pliki: ${files}.`,
  filesHeading: 'Zdjęcia, nagrania i dokumenty',
  what: 'Co',
  when: 'Kiedy',
  why: 'Dlaczego',
  consent: 'Zgoda',
  kind: { picture: 'Zdjęcie', recording: 'Nagranie', document: 'Dokument', location: 'Lokalizacja', transcript: 'Zapis czatu', consent: 'Potwierdzenie zgody' },
  noPurpose: 'nie podano',
  consentGiven: 'Wyraziłeś na to zgodę (zob. Twoje zgody poniżej).',
  consentNone: 'Zgoda nie była potrzebna.',
  alsoShowsAgent: 'Widać na nim również pracownika, który brał udział w rozmowie.',
  incomplete: 'Nagranie zostało przerwane przed końcem.',
  erasedContent: 'Jego treść już nie istnieje i nie została dołączona.',
  retained: 'Zachowane na podstawie prawnej po żądaniu usunięcia danych.',
  consentHeading: 'Twoje zgody',
  consentText: 'Każda zgoda, którą wyraziłeś lub wycofałeś, wraz z tekstem, który Ci pokazano, znajduje się w pliku consent-receipt.json. Opisano w nim też, jak sprawdzić, że nic nie zostało zmienione.',
  consentNoRecords: 'To archiwum nie zawiera zgód.',
  logHeading: 'Co zrobiono z Twoimi danymi',
  logText: (n) => `Plik audit-log.ndjson zawiera zarejestrowane zdarzenia dotyczące Twoich danych (${n}): kiedy je zapisano, wyświetlono, wyeksportowano lub usunięto i kto to zrobił.`,
  machineReadable: 'Plik manifest.json opisuje każdy plik w formie czytelnej maszynowo.',
};

export const exportIndexMessages: Readonly<Record<TemplateLocale, ExportIndexMessages>> = { en, nl, de, fr, pl };

import { templateCatalogues, type TemplateLocale } from '../catalogues.js';
import type { TemplateStrings } from '../types.js';
import type { RecordsEmailStrings, SharedRecordsStringKey } from './types.js';

const SHARED: readonly SharedRecordsStringKey[] = [
  'greeting',
  'greetingNoName',
  'linkFallback',
  'rightsHeading',
  'rightsIntro',
  'rightAccess',
  'rightRectification',
  'rightErasure',
  'rightObjection',
  'rightComplaint',
  'dpoContact',
  'privacyNotice',
  'privacyNoticeText',
  'signOff',
];

type Own = Omit<RecordsEmailStrings, SharedRecordsStringKey>;

const own: Readonly<Record<TemplateLocale, Own>> = {
  en: {
    recordsSubject: 'Your records from {organisation}',
    recordsIntro: 'As you asked, {organisation} has gathered the personal data it holds about you from your video calls: the pictures and recordings, and the record of your consent.',
    recordsButton: 'Download your records',
    recordsLinkText: 'Download your records: {link}',
    recordsAvailable: 'The link works until {availableUntil}. It is personal: please do not share it.',
    consentHeading: 'Your consent',
    consentIntro: 'What you agreed to, refused or withdrew, as our records show it. The attached file holds the exact words you were shown, and lets anyone check that nothing was changed afterwards.',
    consentNone: 'We hold no record of your consent.',
    consentGranted: '{at}: you agreed to {purposes}.',
    consentRefused: '{at}: you refused {purposes}.',
    consentWithdrawn: '{at}: you withdrew your consent to {purposes}.',
    purposeCall: 'the video call',
    purposeRecording: 'recording the call',
    purposePictures: 'pictures during the call',
    purposeLocation: 'sharing your location',
    recordsFooter: 'You are receiving this message because you asked {organisation} for the personal data it holds about you.',
  },
  nl: {
    recordsSubject: 'Uw gegevens bij {organisation}',
    recordsIntro: 'Zoals u hebt gevraagd, hebben wij de persoonsgegevens verzameld die {organisation} uit uw videogesprekken over u bewaart: de foto’s en opnames, en de vastlegging van uw toestemming.',
    recordsButton: 'Uw gegevens downloaden',
    recordsLinkText: 'Uw gegevens downloaden: {link}',
    recordsAvailable: 'De link werkt tot {availableUntil}. Hij is persoonlijk: deel hem niet met anderen.',
    consentHeading: 'Uw toestemming',
    consentIntro: 'Waarmee u hebt ingestemd, wat u hebt geweigerd of ingetrokken, zoals wij het hebben vastgelegd. Het bijgevoegde bestand bevat de precieze tekst die u te zien kreeg, en laat iedereen controleren dat er achteraf niets is veranderd.',
    consentNone: 'Wij hebben geen toestemming van u vastgelegd.',
    consentGranted: '{at}: u stemde in met {purposes}.',
    consentRefused: '{at}: u weigerde {purposes}.',
    consentWithdrawn: '{at}: u trok uw toestemming in voor {purposes}.',
    purposeCall: 'het videogesprek',
    purposeRecording: 'het opnemen van het gesprek',
    purposePictures: 'foto’s tijdens het gesprek',
    purposeLocation: 'het delen van uw locatie',
    recordsFooter: 'U ontvangt dit bericht omdat u {organisation} hebt gevraagd om inzage in de persoonsgegevens die over u worden bewaard.',
  },
  de: {
    recordsSubject: 'Ihre Daten bei {organisation}',
    recordsIntro: 'Wie von Ihnen gewünscht, haben wir die personenbezogenen Daten zusammengestellt, die {organisation} aus Ihren Videogesprächen über Sie gespeichert hat: die Fotos und Aufzeichnungen sowie den Nachweis Ihrer Einwilligung.',
    recordsButton: 'Ihre Daten herunterladen',
    recordsLinkText: 'Ihre Daten herunterladen: {link}',
    recordsAvailable: 'Der Link gilt bis {availableUntil}. Er ist persönlich: Bitte geben Sie ihn nicht weiter.',
    consentHeading: 'Ihre Einwilligung',
    consentIntro: 'Wozu Sie eingewilligt haben, was Sie abgelehnt oder widerrufen haben, wie es bei uns festgehalten ist. Die angehängte Datei enthält den genauen Wortlaut, der Ihnen gezeigt wurde, und lässt jeden prüfen, dass nachträglich nichts geändert wurde.',
    consentNone: 'Wir haben keine Einwilligung von Ihnen festgehalten.',
    consentGranted: '{at}: Sie haben eingewilligt in: {purposes}.',
    consentRefused: '{at}: Sie haben abgelehnt: {purposes}.',
    consentWithdrawn: '{at}: Sie haben Ihre Einwilligung widerrufen für: {purposes}.',
    purposeCall: 'das Videogespräch',
    purposeRecording: 'die Aufzeichnung des Gesprächs',
    purposePictures: 'Fotos während des Gesprächs',
    purposeLocation: 'die Weitergabe Ihres Standorts',
    recordsFooter: 'Sie erhalten diese Nachricht, weil Sie {organisation} um Auskunft über Ihre gespeicherten Daten gebeten haben.',
  },
  fr: {
    recordsSubject: 'Vos données chez {organisation}',
    recordsIntro: 'Comme vous l’avez demandé, nous avons rassemblé les données personnelles issues de vos appels vidéo que {organisation} conserve à votre sujet : les photos et les enregistrements, ainsi que la trace de votre consentement.',
    recordsButton: 'Télécharger vos données',
    recordsLinkText: 'Télécharger vos données : {link}',
    recordsAvailable: 'Le lien est valable jusqu’au {availableUntil}. Il est personnel : merci de ne pas le partager.',
    consentHeading: 'Votre consentement',
    consentIntro: 'Ce que vous avez accepté, refusé ou retiré, tel que nous l’avons enregistré. Le fichier joint contient le texte exact qui vous a été présenté et permet à chacun de vérifier que rien n’a été modifié depuis.',
    consentNone: 'Nous ne détenons aucune trace de votre consentement.',
    consentGranted: '{at} : vous avez accepté {purposes}.',
    consentRefused: '{at} : vous avez refusé {purposes}.',
    consentWithdrawn: '{at} : vous avez retiré votre consentement pour {purposes}.',
    purposeCall: 'l’appel vidéo',
    purposeRecording: 'l’enregistrement de l’appel',
    purposePictures: 'les photos pendant l’appel',
    purposeLocation: 'le partage de votre position',
    recordsFooter: 'Vous recevez ce message parce que vous avez demandé à {organisation} l’accès aux données personnelles conservées à votre sujet.',
  },
  pl: {
    recordsSubject: 'Państwa dane – {organisation}',
    recordsIntro: 'Zgodnie z Państwa prośbą przesyłamy dane osobowe z Państwa rozmów wideo, które przechowuje {organisation}: zdjęcia i nagrania oraz zapis Państwa zgód.',
    recordsButton: 'Pobierz swoje dane',
    recordsLinkText: 'Pobierz swoje dane: {link}',
    recordsAvailable: 'Termin ważności linku: {availableUntil}. Link jest osobisty – prosimy nie przekazywać go innym osobom.',
    consentHeading: 'Państwa zgody',
    consentIntro: 'Zgody udzielone, odmówione i wycofane, tak jak je zapisaliśmy. Załączony plik zawiera dokładny tekst, który był Państwu wyświetlony, i pozwala każdemu sprawdzić, że nic nie zostało później zmienione.',
    consentNone: 'Nie mamy zapisu żadnej Państwa zgody.',
    consentGranted: '{at}: zgoda na: {purposes}.',
    consentRefused: '{at}: odmowa zgody na: {purposes}.',
    consentWithdrawn: '{at}: wycofanie zgody na: {purposes}.',
    purposeCall: 'rozmowę wideo',
    purposeRecording: 'nagrywanie rozmowy',
    purposePictures: 'zdjęcia podczas rozmowy',
    purposeLocation: 'udostępnianie lokalizacji',
    recordsFooter: 'Otrzymują Państwo tę wiadomość w odpowiedzi na Państwa prośbę do {organisation} o dostęp do Państwa danych osobowych.',
  },
};

function withShared(invitation: TemplateStrings, strings: Own): RecordsEmailStrings {
  const shared = Object.fromEntries(SHARED.map((key) => [key, invitation[key]])) as Pick<TemplateStrings, SharedRecordsStringKey>;
  return { ...shared, ...strings };
}

/** The shipped strings of the records message, one catalogue per language. */
export const recordsCatalogues: Readonly<Record<TemplateLocale, RecordsEmailStrings>> = {
  en: withShared(templateCatalogues.en, own.en),
  nl: withShared(templateCatalogues.nl, own.nl),
  de: withShared(templateCatalogues.de, own.de),
  fr: withShared(templateCatalogues.fr, own.fr),
  pl: withShared(templateCatalogues.pl, own.pl),
};

export const RECORDS_STRING_KEYS = Object.keys(recordsCatalogues.en) as readonly (keyof RecordsEmailStrings)[];

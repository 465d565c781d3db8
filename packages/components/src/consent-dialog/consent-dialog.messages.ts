import type { Locale } from '../i18n/locale.js';

/** Every string <seal-consent-dialog> shows around the integrator's notice. */
export interface ConsentDialogMessages {
  title: string;
  intro: (controller: string) => string;
  purposesHeading: string;
  required: string;
  optional: string;
  retentionHeading: string;
  rightsHeading: string;
  rights: string;
  dpoHeading: string;
  privacyPolicy: string;
  requiredHint: string;
  accept: string;
  decline: string;
}

export const consentDialogMessages: Record<Locale, ConsentDialogMessages> = {
  en: {
    title: 'Before your video call',
    intro: (c) => `${c} asks for your consent first. Your camera and microphone stay off, and nothing is recorded, until you agree.`,
    purposesHeading: 'What you agree to',
    required: 'required',
    optional: 'optional',
    retentionHeading: 'How long it is kept',
    rightsHeading: 'Your rights',
    rights: 'You can see, correct or have erased the data about you, object to its use, withdraw your consent at any time, and complain to your data protection authority.',
    dpoHeading: 'Data protection officer',
    privacyPolicy: 'Read the full privacy policy',
    requiredHint: 'Tick every required item to continue.',
    accept: 'Accept and continue',
    decline: 'Decline',
  },
  nl: {
    title: 'Voor uw videogesprek',
    intro: (c) => `${c} vraagt eerst uw toestemming. Uw camera en microfoon blijven uit, en er wordt niets opgenomen, tot u akkoord gaat.`,
    purposesHeading: 'Waarvoor u toestemming geeft',
    required: 'verplicht',
    optional: 'optioneel',
    retentionHeading: 'Hoe lang het wordt bewaard',
    rightsHeading: 'Uw rechten',
    rights: 'U kunt de gegevens over u inzien, laten corrigeren of laten wissen, bezwaar maken tegen het gebruik ervan, uw toestemming op elk moment intrekken en een klacht indienen bij de Autoriteit Persoonsgegevens.',
    dpoHeading: 'Functionaris voor gegevensbescherming',
    privacyPolicy: 'Lees de volledige privacyverklaring',
    requiredHint: 'Vink alle verplichte onderdelen aan om verder te gaan.',
    accept: 'Akkoord en doorgaan',
    decline: 'Weigeren',
  },
  de: {
    title: 'Vor Ihrem Videogespräch',
    intro: (c) => `${c} bittet zuerst um Ihre Einwilligung. Kamera und Mikrofon bleiben aus, und nichts wird aufgezeichnet, bis Sie zustimmen.`,
    purposesHeading: 'Wozu Sie einwilligen',
    required: 'erforderlich',
    optional: 'freiwillig',
    retentionHeading: 'Wie lange es gespeichert wird',
    rightsHeading: 'Ihre Rechte',
    rights: 'Sie können Auskunft über Ihre Daten verlangen, sie berichtigen oder löschen lassen, der Verarbeitung widersprechen, Ihre Einwilligung jederzeit widerrufen und sich bei einer Datenschutzaufsichtsbehörde beschweren.',
    dpoHeading: 'Datenschutzbeauftragte(r)',
    privacyPolicy: 'Vollständige Datenschutzerklärung lesen',
    requiredHint: 'Bitte haken Sie alle erforderlichen Punkte an, um fortzufahren.',
    accept: 'Zustimmen und fortfahren',
    decline: 'Ablehnen',
  },
  fr: {
    title: 'Avant votre appel vidéo',
    intro: (c) => `${c} vous demande d'abord votre consentement. Votre caméra et votre micro restent éteints, et rien n'est enregistré, tant que vous n'avez pas accepté.`,
    purposesHeading: 'Ce que vous acceptez',
    required: 'obligatoire',
    optional: 'facultatif',
    retentionHeading: 'Durée de conservation',
    rightsHeading: 'Vos droits',
    rights: "Vous pouvez consulter, rectifier ou faire effacer les données vous concernant, vous opposer à leur utilisation, retirer votre consentement à tout moment et introduire une réclamation auprès de l'autorité de protection des données.",
    dpoHeading: 'Délégué à la protection des données',
    privacyPolicy: 'Lire la politique de confidentialité complète',
    requiredHint: 'Cochez tous les éléments obligatoires pour continuer.',
    accept: 'Accepter et continuer',
    decline: 'Refuser',
  },
  pl: {
    title: 'Przed rozmową wideo',
    intro: (c) => `${c} najpierw prosi o Twoją zgodę. Kamera i mikrofon pozostają wyłączone, a nic nie jest nagrywane, dopóki się nie zgodzisz.`,
    purposesHeading: 'Na co wyrażasz zgodę',
    required: 'wymagane',
    optional: 'opcjonalne',
    retentionHeading: 'Jak długo przechowujemy dane',
    rightsHeading: 'Twoje prawa',
    rights: 'Możesz uzyskać dostęp do swoich danych, poprawić je lub zażądać ich usunięcia, sprzeciwić się ich wykorzystaniu, w każdej chwili wycofać zgodę oraz złożyć skargę do Prezesa UODO.',
    dpoHeading: 'Inspektor ochrony danych',
    privacyPolicy: 'Przeczytaj pełną politykę prywatności',
    requiredHint: 'Zaznacz wszystkie wymagane pozycje, aby kontynuować.',
    accept: 'Zgadzam się i kontynuuję',
    decline: 'Odmawiam',
  },
};

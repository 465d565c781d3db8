import type { ConsentNotice } from '@sealcall/components';

/** The languages the demo speaks: the elements' five. */
export const DEMO_LANGUAGES = { en: 'English', de: 'Deutsch', fr: 'Français', nl: 'Nederlands', pl: 'Polski' } as const;
export type DemoLanguage = keyof typeof DEMO_LANGUAGES;

const common = {
  controller: 'Demo Insurance NV',
  version: 'demo-2026-12',
  dpoContact: 'dpo@demo-insurance.example',
  privacyPolicyUrl: 'https://demo-insurance.example/privacy',
};

/**
 * The demo insurer's privacy notice, in each language: yours comes from your legal team. The
 * purpose ids stay the same; the words, and the version's meaning, are the language's.
 */
export const demoNotices: Record<DemoLanguage, ConsentNotice> = {
  en: {
    ...common,
    purposes: [
      { id: 'call', label: 'Video call', description: 'A live, end-to-end encrypted video call with your claims handler about your claim.', required: true },
      { id: 'recording', label: 'Recording', description: 'The call may be **recorded** as evidence for your claim. You will be asked again before it starts.', required: false },
      { id: 'pictures', label: 'Pictures', description: 'Your claims handler may take still pictures of the damage you show.', required: false },
      { id: 'location', label: 'Your location, once', description: 'So that we find where the damage is. You will be asked when your claims handler needs it; nothing is shared before.', required: false },
      { id: 'transcript', label: 'Chat transcript', description: 'A copy of the chat of the call may be kept with your claim. You will be asked before it is kept.', required: false },
      { id: 'document', label: 'Documents you send', description: 'Documents and photos you send in the chat are kept with your claim. You will be asked before each one is sent.', required: false },
    ],
    retention: 'Pictures, recordings and documents are kept until 30 days after your claim is settled, then erased.',
  },
  de: {
    ...common,
    purposes: [
      { id: 'call', label: 'Videogespräch', description: 'Ein live, Ende-zu-Ende verschlüsseltes Videogespräch mit Ihrer Sachbearbeitung über Ihren Schaden.', required: true },
      { id: 'recording', label: 'Aufzeichnung', description: 'Das Gespräch kann als Nachweis für Ihren Schaden **aufgezeichnet** werden. Sie werden vorher noch einmal gefragt.', required: false },
      { id: 'pictures', label: 'Fotos', description: 'Ihre Sachbearbeitung kann Standbilder des Schadens aufnehmen, den Sie zeigen.', required: false },
      { id: 'location', label: 'Ihr Standort, einmalig', description: 'Damit wir finden, wo der Schaden ist. Sie werden gefragt, wenn Ihre Sachbearbeitung ihn braucht; vorher wird nichts geteilt.', required: false },
      { id: 'transcript', label: 'Chatverlauf', description: 'Eine Kopie des Chats des Gesprächs kann zu Ihrem Schadenfall genommen werden. Sie werden vorher gefragt.', required: false },
      { id: 'document', label: 'Dokumente, die Sie senden', description: 'Dokumente und Fotos, die Sie im Chat senden, werden zu Ihrem Schadenfall genommen. Sie werden vor jedem Senden gefragt.', required: false },
    ],
    retention: 'Fotos, Aufzeichnungen und Dokumente werden bis 30 Tage nach Abschluss Ihres Schadens aufbewahrt und dann gelöscht.',
  },
  fr: {
    ...common,
    purposes: [
      { id: 'call', label: 'Appel vidéo', description: 'Un appel vidéo en direct, chiffré de bout en bout, avec votre gestionnaire au sujet de votre sinistre.', required: true },
      { id: 'recording', label: 'Enregistrement', description: 'L’appel peut être **enregistré** comme preuve pour votre sinistre. Votre accord vous sera redemandé avant.', required: false },
      { id: 'pictures', label: 'Photos', description: 'Votre gestionnaire peut prendre des photos des dégâts que vous montrez.', required: false },
      { id: 'location', label: 'Votre position, une fois', description: 'Pour trouver où se trouvent les dégâts. On vous la demandera quand votre gestionnaire en aura besoin ; rien n’est partagé avant.', required: false },
      { id: 'transcript', label: 'Transcription des messages', description: 'Une copie des messages de l’appel peut être conservée avec votre dossier. On vous le demandera avant.', required: false },
      { id: 'document', label: 'Documents que vous envoyez', description: 'Les documents et photos que vous envoyez dans les messages sont conservés avec votre dossier. On vous le demandera avant chaque envoi.', required: false },
    ],
    retention: 'Les photos, enregistrements et documents sont conservés jusqu’à 30 jours après le règlement de votre sinistre, puis effacés.',
  },
  nl: {
    ...common,
    purposes: [
      { id: 'call', label: 'Videogesprek', description: 'Een live, end-to-end versleuteld videogesprek met uw schadebehandelaar over uw schade.', required: true },
      { id: 'recording', label: 'Opname', description: 'Het gesprek kan worden **opgenomen** als bewijs voor uw schade. U wordt vooraf opnieuw gevraagd.', required: false },
      { id: 'pictures', label: 'Foto’s', description: 'Uw schadebehandelaar kan foto’s maken van de schade die u laat zien.', required: false },
      { id: 'location', label: 'Uw locatie, eenmalig', description: 'Zodat we vinden waar de schade is. Dit wordt u gevraagd wanneer uw schadebehandelaar hem nodig heeft; eerder wordt niets gedeeld.', required: false },
      { id: 'transcript', label: 'Chatverslag', description: 'Een kopie van de chat van het gesprek kan bij uw dossier worden bewaard. Dit wordt u eerst gevraagd.', required: false },
      { id: 'document', label: 'Documenten die u verstuurt', description: 'Documenten en foto’s die u in de chat verstuurt, worden bij uw dossier bewaard. Dit wordt u voor elke verzending gevraagd.', required: false },
    ],
    retention: 'Foto’s, opnames en documenten worden bewaard tot 30 dagen na de afhandeling van uw schade en daarna gewist.',
  },
  pl: {
    ...common,
    purposes: [
      { id: 'call', label: 'Rozmowa wideo', description: 'Rozmowa wideo na żywo, szyfrowana end-to-end, z likwidatorem szkody w sprawie Twojej szkody.', required: true },
      { id: 'recording', label: 'Nagranie', description: 'Rozmowa może zostać **nagrana** jako dowód w sprawie szkody. Przed rozpoczęciem zapytamy ponownie.', required: false },
      { id: 'pictures', label: 'Zdjęcia', description: 'Likwidator może zrobić zdjęcia pokazywanej przez Ciebie szkody.', required: false },
      { id: 'location', label: 'Twoja lokalizacja, jednorazowo', description: 'Abyśmy znaleźli miejsce szkody. Zapytamy, gdy likwidator będzie jej potrzebował; wcześniej nic nie jest udostępniane.', required: false },
      { id: 'transcript', label: 'Zapis czatu', description: 'Kopia czatu z rozmowy może zostać zachowana w aktach szkody. Zapytamy Cię o to wcześniej.', required: false },
      { id: 'document', label: 'Wysyłane przez Ciebie dokumenty', description: 'Dokumenty i zdjęcia wysłane przez Ciebie na czacie zostaną zachowane w aktach szkody. Zapytamy Cię o to przed każdym wysłaniem.', required: false },
    ],
    retention: 'Zdjęcia, nagrania i dokumenty są przechowywane do 30 dni po zamknięciu szkody, a następnie usuwane.',
  },
};

/** The English notice, for pages that speak only English. */
export const demoNotice = demoNotices.en;

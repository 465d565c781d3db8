import type { CapturePurpose, RedactionStyle } from '@sealcall/sdk';
import type { Locale } from '../i18n/locale.js';

/** Every string <seal-capture> shows. Replace any of them through the `messages` property. */
export interface CaptureMessages {
  toolbar: string;
  takePicture: string;
  startRecording: string;
  stopRecording: string;
  askingConsent: Record<CapturePurpose, string>;
  declined: Record<CapturePurpose, string>;
  taking: string;
  reviewTitle: string;
  reviewHint: string;
  preview: (boxes: number) => string;
  addBox: Record<RedactionStyle, string>;
  box: (n: number, style: string) => string;
  styleName: Record<RedactionStyle, string>;
  removeBox: (n: number) => string;
  boxAdded: string;
  keep: string;
  discard: string;
  saving: string;
  saved: string;
  discarded: string;
  recording: (elapsed: string, megabytes: string) => string;
  recordingSaved: string;
  recordingWithdrawn: string;
  recordingWithdrawnDeleted: string;
  recordingCallEnded: string;
  storageFull: string;
  noVideo: string;
  failed: string;
}

export const captureMessages: Record<Locale, CaptureMessages> = {
  en: {
    toolbar: 'Capture',
    takePicture: 'Take picture',
    startRecording: 'Start recording',
    stopRecording: 'Stop recording',
    askingConsent: { pictures: 'Asking the customer whether pictures may be taken…', recording: 'Asking the customer whether the call may be recorded…' },
    declined: { pictures: 'The customer did not agree to pictures.', recording: 'The customer did not agree to recording.' },
    taking: 'Taking the picture…',
    reviewTitle: 'Check the picture before keeping it',
    reviewHint: 'Cover number plates, faces and documents that are not needed. Draw a box on the picture, or add one and move it with the arrow keys; Shift and the arrow keys resize it, Delete removes it.',
    preview: (n) => `The picture, with ${n} redaction ${n === 1 ? 'box' : 'boxes'}`,
    addBox: { black: 'Add black box', blur: 'Add blur box' },
    box: (n, style) => `Box ${n}, ${style}`,
    styleName: { black: 'black', blur: 'blurred' },
    removeBox: (n) => `Remove box ${n}`,
    boxAdded: 'Box added in the middle of the picture.',
    keep: 'Keep picture',
    discard: 'Discard',
    saving: 'Encrypting and saving…',
    saved: 'Picture saved, encrypted.',
    discarded: 'Picture discarded.',
    recording: (t, mb) => `Recording: ${t}, ${mb} MB saved`,
    recordingSaved: 'Recording saved, encrypted.',
    recordingWithdrawn: 'The customer withdrew consent: the recording stopped and what was recorded is saved.',
    recordingWithdrawnDeleted: 'The customer withdrew consent: the recording stopped and was deleted.',
    recordingCallEnded: 'The call ended: the recording is saved.',
    storageFull: 'There is no storage space left: nothing more could be saved. What was saved before is kept.',
    noVideo: "There is no video of the customer's camera yet.",
    failed: 'That did not work. Try again.',
  },
  nl: {
    toolbar: 'Vastleggen',
    takePicture: 'Foto maken',
    startRecording: 'Opname starten',
    stopRecording: 'Opname stoppen',
    askingConsent: { pictures: "De klant wordt gevraagd of er foto's gemaakt mogen worden…", recording: 'De klant wordt gevraagd of het gesprek opgenomen mag worden…' },
    declined: { pictures: "De klant stemt niet in met foto's.", recording: 'De klant stemt niet in met de opname.' },
    taking: 'Foto wordt gemaakt…',
    reviewTitle: 'Controleer de foto voordat u hem bewaart',
    reviewHint: 'Bedek kentekens, gezichten en documenten die niet nodig zijn. Teken een vak op de foto, of voeg er een toe en verplaats het met de pijltjestoetsen; Shift met de pijltjestoetsen verandert de grootte, Delete verwijdert het.',
    preview: (n) => `De foto, met ${n} ${n === 1 ? 'afgedekt vak' : 'afgedekte vakken'}`,
    addBox: { black: 'Zwart vak toevoegen', blur: 'Vervaagd vak toevoegen' },
    box: (n, style) => `Vak ${n}, ${style}`,
    styleName: { black: 'zwart', blur: 'vervaagd' },
    removeBox: (n) => `Vak ${n} verwijderen`,
    boxAdded: 'Vak toegevoegd in het midden van de foto.',
    keep: 'Foto bewaren',
    discard: 'Weggooien',
    saving: 'Versleutelen en opslaan…',
    saved: 'Foto versleuteld opgeslagen.',
    discarded: 'Foto weggegooid.',
    recording: (t, mb) => `Opname: ${t}, ${mb} MB opgeslagen`,
    recordingSaved: 'Opname versleuteld opgeslagen.',
    recordingWithdrawn: 'De klant heeft de toestemming ingetrokken: de opname is gestopt en wat is opgenomen, is opgeslagen.',
    recordingWithdrawnDeleted: 'De klant heeft de toestemming ingetrokken: de opname is gestopt en verwijderd.',
    recordingCallEnded: 'Het gesprek is beëindigd: de opname is opgeslagen.',
    storageFull: 'Er is geen opslagruimte meer: er kon niets meer worden opgeslagen. Wat eerder is opgeslagen, blijft bewaard.',
    noVideo: 'Er is nog geen video van de camera van de klant.',
    failed: 'Dat is niet gelukt. Probeer het opnieuw.',
  },
  de: {
    toolbar: 'Aufnehmen',
    takePicture: 'Foto aufnehmen',
    startRecording: 'Aufzeichnung starten',
    stopRecording: 'Aufzeichnung beenden',
    askingConsent: { pictures: 'Die Kundin oder der Kunde wird gefragt, ob Fotos gemacht werden dürfen…', recording: 'Die Kundin oder der Kunde wird gefragt, ob das Gespräch aufgezeichnet werden darf…' },
    declined: { pictures: 'Die Kundin oder der Kunde willigt nicht in Fotos ein.', recording: 'Die Kundin oder der Kunde willigt nicht in die Aufzeichnung ein.' },
    taking: 'Foto wird aufgenommen…',
    reviewTitle: 'Prüfen Sie das Foto, bevor Sie es behalten',
    reviewHint: 'Verdecken Sie Kennzeichen, Gesichter und Dokumente, die nicht nötig sind. Ziehen Sie ein Feld auf dem Foto auf, oder fügen Sie eines hinzu und verschieben Sie es mit den Pfeiltasten; Umschalt und Pfeiltasten ändern die Größe, Entf entfernt es.',
    preview: (n) => `Das Foto, mit ${n} ${n === 1 ? 'verdecktem Feld' : 'verdeckten Feldern'}`,
    addBox: { black: 'Schwarzes Feld hinzufügen', blur: 'Unscharfes Feld hinzufügen' },
    box: (n, style) => `Feld ${n}, ${style}`,
    styleName: { black: 'schwarz', blur: 'unscharf' },
    removeBox: (n) => `Feld ${n} entfernen`,
    boxAdded: 'Feld in der Mitte des Fotos hinzugefügt.',
    keep: 'Foto behalten',
    discard: 'Verwerfen',
    saving: 'Wird verschlüsselt und gespeichert…',
    saved: 'Foto verschlüsselt gespeichert.',
    discarded: 'Foto verworfen.',
    recording: (t, mb) => `Aufzeichnung: ${t}, ${mb} MB gespeichert`,
    recordingSaved: 'Aufzeichnung verschlüsselt gespeichert.',
    recordingWithdrawn: 'Die Einwilligung wurde widerrufen: Die Aufzeichnung wurde beendet, das bisher Aufgezeichnete ist gespeichert.',
    recordingWithdrawnDeleted: 'Die Einwilligung wurde widerrufen: Die Aufzeichnung wurde beendet und gelöscht.',
    recordingCallEnded: 'Das Gespräch ist beendet: Die Aufzeichnung ist gespeichert.',
    storageFull: 'Kein Speicherplatz mehr: Es konnte nichts mehr gespeichert werden. Was vorher gespeichert wurde, bleibt erhalten.',
    noVideo: 'Es gibt noch kein Video von der Kamera der Kundin oder des Kunden.',
    failed: 'Das hat nicht geklappt. Bitte versuchen Sie es erneut.',
  },
  fr: {
    toolbar: 'Capture',
    takePicture: 'Prendre une photo',
    startRecording: "Démarrer l'enregistrement",
    stopRecording: "Arrêter l'enregistrement",
    askingConsent: { pictures: 'Le client est invité à accepter les photos…', recording: "Le client est invité à accepter l'enregistrement de l'appel…" },
    declined: { pictures: 'Le client refuse les photos.', recording: "Le client refuse l'enregistrement." },
    taking: 'Prise de la photo…',
    reviewTitle: 'Vérifiez la photo avant de la garder',
    reviewHint: "Masquez les plaques d'immatriculation, visages et documents inutiles. Tracez un cadre sur la photo, ou ajoutez-en un et déplacez-le avec les flèches ; Maj et les flèches le redimensionnent, Suppr le retire.",
    preview: (n) => `La photo, avec ${n} ${n === 1 ? 'zone masquée' : 'zones masquées'}`,
    addBox: { black: 'Ajouter une zone noire', blur: 'Ajouter une zone floue' },
    box: (n, style) => `Zone ${n}, ${style}`,
    styleName: { black: 'noire', blur: 'floue' },
    removeBox: (n) => `Retirer la zone ${n}`,
    boxAdded: 'Zone ajoutée au milieu de la photo.',
    keep: 'Garder la photo',
    discard: 'Supprimer',
    saving: 'Chiffrement et enregistrement…',
    saved: 'Photo enregistrée, chiffrée.',
    discarded: 'Photo supprimée.',
    recording: (t, mb) => `Enregistrement : ${t}, ${mb} Mo enregistrés`,
    recordingSaved: 'Enregistrement sauvegardé, chiffré.',
    recordingWithdrawn: "Le client a retiré son consentement : l'enregistrement s'est arrêté et ce qui a été enregistré est sauvegardé.",
    recordingWithdrawnDeleted: "Le client a retiré son consentement : l'enregistrement s'est arrêté et a été supprimé.",
    recordingCallEnded: "L'appel est terminé : l'enregistrement est sauvegardé.",
    storageFull: "Il n'y a plus d'espace de stockage : rien de plus n'a pu être enregistré. Ce qui l'a été avant est conservé.",
    noVideo: "Il n'y a pas encore de vidéo de la caméra du client.",
    failed: "Cela n'a pas fonctionné. Réessayez.",
  },
  pl: {
    toolbar: 'Rejestrowanie',
    takePicture: 'Zrób zdjęcie',
    startRecording: 'Rozpocznij nagrywanie',
    stopRecording: 'Zatrzymaj nagrywanie',
    askingConsent: { pictures: 'Klient jest pytany o zgodę na zdjęcia…', recording: 'Klient jest pytany o zgodę na nagrywanie rozmowy…' },
    declined: { pictures: 'Klient nie zgodził się na zdjęcia.', recording: 'Klient nie zgodził się na nagrywanie.' },
    taking: 'Robienie zdjęcia…',
    reviewTitle: 'Sprawdź zdjęcie, zanim je zachowasz',
    reviewHint: 'Zakryj tablice rejestracyjne, twarze i dokumenty, które nie są potrzebne. Narysuj prostokąt na zdjęciu albo dodaj go i przesuwaj strzałkami; Shift ze strzałkami zmienia rozmiar, Delete usuwa.',
    preview: (n) => `Zdjęcie, zakryte obszary: ${n}`,
    addBox: { black: 'Dodaj czarny prostokąt', blur: 'Dodaj rozmyty prostokąt' },
    box: (n, style) => `Prostokąt ${n}, ${style}`,
    styleName: { black: 'czarny', blur: 'rozmyty' },
    removeBox: (n) => `Usuń prostokąt ${n}`,
    boxAdded: 'Dodano prostokąt na środku zdjęcia.',
    keep: 'Zachowaj zdjęcie',
    discard: 'Odrzuć',
    saving: 'Szyfrowanie i zapisywanie…',
    saved: 'Zdjęcie zapisane w postaci zaszyfrowanej.',
    discarded: 'Zdjęcie odrzucone.',
    recording: (t, mb) => `Nagrywanie: ${t}, zapisano ${mb} MB`,
    recordingSaved: 'Nagranie zapisane w postaci zaszyfrowanej.',
    recordingWithdrawn: 'Klient wycofał zgodę: nagrywanie zatrzymano, a to, co nagrano, zapisano.',
    recordingWithdrawnDeleted: 'Klient wycofał zgodę: nagrywanie zatrzymano i usunięto.',
    recordingCallEnded: 'Rozmowa zakończona: nagranie zostało zapisane.',
    storageFull: 'Brak miejsca na dane: nie udało się zapisać więcej. To, co zapisano wcześniej, zostaje zachowane.',
    noVideo: 'Nie ma jeszcze obrazu z kamery klienta.',
    failed: 'Nie udało się. Spróbuj ponownie.',
  },
};

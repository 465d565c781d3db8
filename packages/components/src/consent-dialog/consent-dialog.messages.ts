
/** Every string <seal-consent-dialog> shows around the integrator's notice. */
export interface ConsentDialogMessages {
  title: string;
  /** Fills {controller}. */
  intro: string;
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

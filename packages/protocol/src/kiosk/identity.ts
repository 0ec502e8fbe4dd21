/**
 * A kiosk's identity after enrolment, as stored in its data folder (`identity.json`, mode 0600): who it is, where
 * its server is, its bearer token and its card-signing key. Written by the kiosk when it enrols (and by the demo
 * seed for the demo kiosks), read by the hub service.
 */
export interface KioskIdentity {
  deviceId: string;
  hubId: string;
  name: string;
  serverUrl: string;
  token: string;
  publicKey: string;
  secretKey: string;
  keyId: string;
  serverPublicKey: string;
  serverKeyId: string;
  /**
   * The city's release public key (Ed25519, base64url), pinned at enrolment: the kiosk installs only releases it
   * signed (release-signature.ts). Absent when the city configured none; the kiosk then refuses every update.
   */
  releasePublicKey?: string;
}

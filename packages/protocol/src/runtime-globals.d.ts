// The protocol compiles without Node's or the DOM's type libraries (it must run in both, and in Electron), so
// the few standard globals it uses, present in every one of those runtimes, are declared here.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: Uint8Array): string;
}
interface AbortSignal {
  readonly aborted: boolean;
}

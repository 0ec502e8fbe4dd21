import type { QrDecoder } from './decoder';
import type { GrayFrame } from './gray-frame';
import { fitModuleGrid, renderModules } from './grid-fit';
import { readQrSymbols } from './zxing-wasm-decoder';

/** Codes found but not decoded that are worth a fit: a frame rarely holds more than one. */
const MAX_CANDIDATES = 1;

/**
 * ZXing-C++ for codes on crumpled or bent paper (see grid-fit.ts): asks ZXing-C++ for the codes it finds but
 * cannot decode (their corners and version), samples each through a mesh fitted to the paper, and decodes the
 * flat code drawn from those samples. A frame with no code costs one detection only, so the pass can stay in
 * the thorough chain. Needs `loadZxingWasm` to have resolved first.
 */
export function gridFitDecoder(name = 'zxing-cpp/grid-fit'): QrDecoder {
  return {
    name,
    async decode(frame: GrayFrame) {
      const found = await readQrSymbols(frame, {
        tryHarder: true,
        tryRotate: false,
        tryInvert: false,
        tryDownscale: false,
        returnErrors: true,
        maxNumberOfSymbols: 4,
      });
      const valid = found.find((r) => r.isValid);
      if (valid) return valid.text;
      // Micro QR and rMQR candidates come from the same detector: only full QR codes are ours to fit.
      const candidates = found.filter((r) => r.format === 'QRCode' && /^\d+$/.test(r.version));
      for (const candidate of candidates.slice(0, MAX_CANDIDATES)) {
        const size = 17 + 4 * Number(candidate.version);
        const flat = renderModules(fitModuleGrid(frame, candidate.position, size), size);
        const read = await readQrSymbols(flat, {
          tryHarder: true,
          tryRotate: true,
          tryInvert: false,
          tryDownscale: false,
          maxNumberOfSymbols: 1,
        });
        const text = read.find((r) => r.isValid)?.text;
        if (text !== undefined) return text;
      }
      return null;
    },
  };
}

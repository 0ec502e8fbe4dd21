import { Type } from 'typebox';
import { errorResponses } from './schema';

const tags = ['updates'];
const ChannelParams = Type.Object({ channel: Type.String() });

/**
 * Kiosk updates (admin only): release files uploaded as `application/octet-stream` with the release manager's
 * signature in X-Release-Signature, then a staged rollout. Kiosks download from /updates/<channel>/ (static files).
 */
export const updateRoutes = {
  upload: {
    method: 'PUT',
    path: '/api/updates/:channel/:file',
    schema: {
      summary: 'Upload a release file (application/octet-stream; X-Release-Signature for installable files)',
      tags,
      params: Type.Object({ channel: Type.String(), file: Type.String() }),
      response: {
        200: Type.Object({
          ok: Type.Literal(true),
          bytes: Type.Number(),
          sha512: Type.String({ description: 'SHA-512 of the file, hex' }),
        }),
        ...errorResponses,
      },
    },
  },
  rollout: {
    method: 'POST',
    path: '/api/updates/:channel/rollout',
    schema: {
      summary: "Set the share of kiosks (1-100 %) that take the channel's latest release",
      tags,
      params: ChannelParams,
      body: Type.Object(
        { percentage: Type.Integer({ minimum: 1, maximum: 100 }) },
        { additionalProperties: false },
      ),
      response: {
        200: Type.Object({ version: Type.String(), stagingPercentage: Type.Number() }),
        ...errorResponses,
      },
    },
  },
} as const;

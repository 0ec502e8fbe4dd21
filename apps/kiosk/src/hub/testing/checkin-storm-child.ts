// Child process for the crash test: opens the kiosk database in argv[2], checks in the card tokens listed in
// argv[3] (JSON) one after another, and prints "ACCEPTED <checkinId>" for each accepted answer, the moment the
// answer exists. The parent kills it with SIGKILL at a random moment.
import { readFileSync } from 'node:fs';
import { CheckinService } from '../checkin/checkin-service';
import { KioskClock } from '../clock';
import { openKioskDatabase } from '../database/open';
import { createMessages } from '../i18n/messages';
import type { KioskIdentity } from '../identity';

const [dir, tokensFile] = process.argv.slice(2) as [string, string];
const { identity, tokens } = JSON.parse(readFileSync(tokensFile, 'utf8')) as {
  identity: KioskIdentity;
  tokens: string[];
};
const db = await openKioskDatabase({ directory: dir });
const clock = await KioskClock.open(db, identity.deviceId);
const service = new CheckinService({ db, identity, clock, messages: await createMessages() });
process.stdout.write('READY\n');
for (const token of tokens) {
  const answer = await service.scan(token, 'camera');
  if (answer.code === 'accepted') process.stdout.write(`ACCEPTED ${answer.checkinId}\n`);
}
process.stdout.write('DONE\n');
await db.close();
